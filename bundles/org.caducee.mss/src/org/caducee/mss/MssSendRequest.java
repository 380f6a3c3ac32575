package org.caducee.mss;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One message about one patient: the PDF (PDF/A-1) and, unless every recipient asked for "PDF seulement", the
 * IHE_XDM.zip holding the CDA built from the same document.
 *
 * @param to recipients (MSSanté addresses); a patient address ({@code …@patient.mssante.fr}) only from a qualified INS
 * @param documentLabel the document title used in the subject (e.g. "Compte rendu de consultation")
 * @param patientLastName birth name of the patient, upper-cased in the subject
 * @param patientFirstName first name of the patient
 * @param birthDate patient's birth date ({@code JJ/MM/AAAA} in the subject)
 * @param qualifiedIns true when the documents carry a qualified INS ({@code X-MSS-INS: O})
 * @param cdaTypeCodes LOINC type codes of the CDA documents in the IHE_XDM.zip ({@code X-MSS-CODECDA})
 * @param pdf the human-readable document
 * @param pdfFileName its attachment name
 * @param xdmZip the IHE_XDM.zip, or null to send the PDF only
 * @param body short text of the message (French), may be empty
 * @param readReceipt asks for a disposition notification ({@code Disposition-Notification-To})
 * @param closePatientChannel for a message to a patient: {@code X-MSS-MES: FIN} (the patient cannot answer)
 * @param patientRef local patient id, for the audit trail
 * @param actor the user sending, for the audit trail
 * @param documentId the local document sent, or null; its MSSanté sharing state follows the message (en attente,
 *        envoyé, erreur)
 */
public record MssSendRequest(List<String> to, String documentLabel, String patientLastName, String patientFirstName, LocalDate birthDate,
        boolean qualifiedIns, List<String> cdaTypeCodes, byte[] pdf, String pdfFileName, byte[] xdmZip, String body, boolean readReceipt,
        boolean closePatientChannel, String patientRef, String actor, java.util.UUID documentId) {

    /** A message that is not tied to a local document record. */
    public MssSendRequest(List<String> to, String documentLabel, String patientLastName, String patientFirstName, LocalDate birthDate,
            boolean qualifiedIns, List<String> cdaTypeCodes, byte[] pdf, String pdfFileName, byte[] xdmZip, String body, boolean readReceipt,
            boolean closePatientChannel, String patientRef, String actor) {
        this(to, documentLabel, patientLastName, patientFirstName, birthDate, qualifiedIns, cdaTypeCodes, pdf, pdfFileName, xdmZip, body,
                readReceipt, closePatientChannel, patientRef, actor, null);
    }

    public MssSendRequest {
        to = List.copyOf(to);
        cdaTypeCodes = cdaTypeCodes == null ? List.of() : List.copyOf(cdaTypeCodes);
        Objects.requireNonNull(documentLabel, "documentLabel");
        Objects.requireNonNull(patientLastName, "patientLastName");
        Objects.requireNonNull(patientFirstName, "patientFirstName");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(pdf, "pdf");
        pdfFileName = pdfFileName == null || pdfFileName.isBlank() ? "document.pdf" : pdfFileName;
        body = body == null ? "" : body;
    }
}
