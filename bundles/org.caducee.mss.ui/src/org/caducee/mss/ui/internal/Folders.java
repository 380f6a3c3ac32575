package org.caducee.mss.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssReception.Status;
import org.caducee.mss.MssSender.SentItem;
import org.caducee.mss.MssSubject;
import org.caducee.mss.PatientMailbox;

/**
 * What the user reads in the folders, computed off the UI thread: patient names instead of INS matricules, document
 * titles instead of {@code IHE_XDM.zip}, states and notices in French.
 */
final class Folders {

    /** One received message as shown. {@code patientId} is the record it went into (or the sending patient's). */
    record InboxRow(ReceivedItem item, String from, String patient, UUID patientId, String documents, String state, String detail) {
    }

    /** One sent message as shown. */
    record SentRow(SentItem item, String to, String patient, String documents, String state) {
    }

    private final PatientRepository patients;
    private final DocumentRepository documents;

    Folders(PatientRepository patients, DocumentRepository documents) {
        this.patients = patients;
        this.documents = documents;
    }

    List<InboxRow> inbox(List<ReceivedItem> items) {
        List<InboxRow> rows = new ArrayList<>(items.size());
        for (ReceivedItem i : items) {
            Optional<Patient> sending = i.fromPatient() ? patientOfMailbox(i.sender()) : Optional.empty();
            Optional<Patient> filed = i.patientId() == null ? Optional.empty() : find(i.patientId());
            String from;
            if (i.fromPatient()) {
                from = sending.map(p -> Messages.get("from.patient", p.displayName())).orElse(Messages.get("from.unknownPatient"));
            } else {
                from = i.sender() == null ? Messages.get("from.unknown") : i.sender();
            }
            String patient;
            UUID patientId = null;
            if (filed.isPresent()) {
                patient = filed.get().displayName();
                patientId = filed.get().id();
            } else if (sending.isPresent()) {
                patient = sending.get().displayName();
                patientId = sending.get().id();
            } else {
                patient = MssSubject.person(i.subject()).map(s -> Messages.get("patient.fromSubject", s)).orElse(Messages.get("patient.unknown"));
            }
            rows.add(new InboxRow(i, from, patient, patientId, documentsOf(i), state(i), detail(i)));
        }
        return rows;
    }

    List<SentRow> sent(List<SentItem> items) {
        List<SentRow> rows = new ArrayList<>(items.size());
        for (SentItem s : items) {
            List<String> to = new ArrayList<>();
            for (String address : s.to()) {
                to.add(PatientMailbox.isPatient(address) ? patientOfMailbox(address).map(p -> Messages.get("to.patient", p.displayName()))
                        .orElse(Messages.get("to.patientBox")) : address);
            }
            String patient = "";
            if (s.patientRef() != null) {
                try {
                    patient = find(UUID.fromString(s.patientRef())).map(Patient::displayName).orElse("");
                } catch (IllegalArgumentException notAPatient) {
                    patient = Messages.get("sent.report");
                }
            }
            String docs = s.documentId() != null ? documents == null ? "" : documents.find(s.documentId()).map(Folders::title).orElse("") : "";
            if (docs.isEmpty()) {
                docs = MssSubject.label(s.subject()).orElse(s.subject() == null ? "" : s.subject());
            }
            String state = switch (s.state()) {
            case PENDING -> s.error() == null ? Messages.get("sent.pending") : Messages.get("sent.pendingRetry", s.error());
            case SENT -> Messages.get("sent.sent");
            case FAILED -> Messages.get("sent.failed", s.error() == null ? "" : s.error());
            };
            rows.add(new SentRow(s, String.join(", ", to), patient, docs, state));
        }
        return rows;
    }

    private Optional<Patient> find(UUID id) {
        return patients == null ? Optional.empty() : patients.find(id);
    }

    /** The local patient whose qualified INS owns this Mon espace santé address. */
    private Optional<Patient> patientOfMailbox(String address) {
        if (patients == null || address == null || !PatientMailbox.isPatient(address)) {
            return Optional.empty();
        }
        String matricule = address.strip().substring(0, address.strip().indexOf('@'));
        Optional<Patient> p = patients.findByIns(matricule).stream().findFirst();
        // the mailbox carries the INS with its key (15 characters); the register may be searched on the 13 first
        return p.isPresent() || matricule.length() <= 13 ? p : patients.findByIns(matricule.substring(0, 13)).stream().findFirst();
    }

    private String documentsOf(ReceivedItem i) {
        List<String> titles = new ArrayList<>();
        if (documents != null) {
            for (UUID id : i.documentIds()) {
                documents.find(id).map(Folders::title).ifPresent(titles::add);
            }
        }
        if (titles.isEmpty()) {
            MssSubject.label(i.subject()).ifPresent(titles::add);
        }
        if (titles.isEmpty()) {
            for (String name : i.attachmentNames()) {
                if (!name.equalsIgnoreCase("IHE_XDM.zip")) {
                    titles.add(name);
                }
            }
        }
        if (titles.isEmpty()) {
            return i.subject() == null || i.subject().isBlank() ? Messages.get("documents.none") : i.subject();
        }
        return String.join(" ; ", titles);
    }

    static String title(HealthDocument d) {
        String t = d.title() != null && !d.title().isBlank() ? d.title() : d.typeLabel() != null ? d.typeLabel() : Messages.get("documents.untitled");
        return d.deleted() ? Messages.get("documents.deleted", t) : t;
    }

    private static String state(ReceivedItem i) {
        return switch (i.status()) {
        case INTEGRATED -> Messages.get("state.integrated");
        case MANUALLY_INTEGRATED -> Messages.get("state.manual");
        case DUPLICATE -> Messages.get("state.duplicate");
        case WORKLIST -> i.pdfOnly() ? Messages.get("state.worklistPdf") : Messages.get("state.worklist");
        case HANDLED -> Messages.get("state.handled");
        };
    }

    /** The notice of an update or deletion, or the reason it waits, in French. */
    private static String detail(ReceivedItem i) {
        if (i.notice() != null && !i.notice().isBlank()) {
            return i.notice().replace('\n', ' ');
        }
        if ((i.status() == Status.WORKLIST || i.status() == Status.HANDLED) && i.reason() != null) {
            return (i.code() == null ? "" : Messages.get("reason.code", i.code().code()) + " ") + i.reason().replace('\n', ' ');
        }
        return "";
    }

    /** True when a received message changed already integrated documents (new version or deletion). */
    static boolean changedRecord(ReceivedItem i) {
        return i.notice() != null && !i.notice().isBlank();
    }
}
