package org.caducee.sandbox.mss;

import java.nio.file.Path;
import java.util.List;

/**
 * The local MSSanté operator of the sandbox: IMAPS and SMTPS on loopback (server certificate of the test PKI), the
 * demo mailboxes, access tokens it accepts, and a correspondent robot that sends documents to the demo doctor.
 */
public interface SandboxMssOperator {

    /** Domain of the demo mailboxes. */
    String DOMAIN = "demo.mssante.caducee.fr";
    /** Mailbox of the demo doctor (the installation's mailbox in sandbox mode). */
    String DOCTOR = "sophie.durand@" + DOMAIN;
    /** Mailbox of the correspondent robot (a laboratory). */
    String ROBOT = "laboratoire.robot@" + DOMAIN;
    /** A correspondent whose software reads PDF only. */
    String PDF_ONLY_CORRESPONDENT = "jean.martin@" + DOMAIN;
    /** Mailbox receiving integration error reports. */
    String ERROR_MAILBOX = "erreurs-integration@" + DOMAIN;

    /** Every demo mailbox. */
    List<String> mailboxes();

    /** A new access token the operator accepts for this mailbox; it replaces the previous one. */
    String issueToken(String address);

    /** Revokes every token of the mailbox. */
    void revokeTokens(String address);

    /** IMAPS port while running, else 0. */
    int imapPort();

    /** SMTPS port while running, else 0. */
    int smtpPort();

    /** Delivers a raw RFC 5322 message into the mailbox, as if received from the network. */
    void deliver(String address, byte[] rawMessage);

    /** Raw messages currently in the INBOX of the mailbox, oldest first. */
    List<byte[]> inbox(String address);

    /**
     * The robot sends each official XDM example found under {@code examplesDir} (one sub-folder per example, each
     * with an {@code IHE_XDM.ZIP}) to the demo doctor, from the robot's mailbox.
     *
     * @return the Message-IDs sent
     */
    List<String> sendExamples(Path examplesDir);

    /** A patient writes to the demo doctor from his Mon espace santé mailbox ({@code <matricule>@patient.mssante.fr}). */
    String sendPatientMessage(String insMatricule, String text);
}
