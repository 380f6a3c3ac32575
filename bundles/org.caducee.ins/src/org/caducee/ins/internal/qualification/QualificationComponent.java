package org.caducee.ins.internal.qualification;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiResult;
import org.caducee.ins.insi.VitaleQuery;
import org.caducee.ins.internal.CogSchema;
import org.caducee.ins.internal.Messages;
import org.caducee.ins.matching.IdentityComparison;
import org.caducee.ins.matching.InsiAnswer;
import org.caducee.ins.matching.InsiAttempt;
import org.caducee.ins.matching.InsiSearchStrategy;
import org.caducee.ins.matching.TraitsQuery;
import org.caducee.ins.qualification.ApcvIdentity;
import org.caducee.ins.qualification.InsHistoryEntry;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.QualificationOutcome;
import org.caducee.ins.qualification.QualificationOutcome.Kind;
import org.caducee.ins.qualification.VerificationDue;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.RetryableException;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The qualification workflow ({@link InsQualification}); {@link #deliver} runs the deferred calls ({@code qualify})
 * and the periodic verifications ({@code verify}) for the outbox handler of channel {@code insi}.
 */
@Component(service = InsQualification.class)
public final class QualificationComponent implements InsQualification {

    private final InsiClient insi;
    private final PatientRepository patients;
    private final Database database;
    private final OutboxService outbox;
    private final AuditTrail audit;
    private volatile EventAdmin events;

    @Activate
    public QualificationComponent(@Reference InsiClient insi, @Reference PatientRepository patients, @Reference Database database,
            @Reference(target = "(module=" + CogSchema.MODULE + ")") SchemaReady schema, @Reference OutboxService outbox, @Reference AuditTrail audit) {
        this.insi = insi;
        this.patients = patients;
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setEvents(EventAdmin admin) {
        events = admin;
    }

    void unsetEvents(EventAdmin admin) {
        if (events == admin) {
            events = null;
        }
    }

    // ---------------------------------------------------------------- automatic calls

    @Override
    public QualificationOutcome onRecordOpened(UUID patientId, String actor) {
        return qualify(patientId, null, actor, true);
    }

    @Override
    public QualificationOutcome onVitaleRead(UUID patientId, VitaleQuery vitale, String actor) {
        return qualify(patientId, vitale, actor, true);
    }

    private QualificationOutcome qualify(UUID patientId, VitaleQuery vitale, String actor, boolean queueWhenDown) {
        Patient patient = patient(patientId);
        List<InsiAttempt> attempts = new ArrayList<>();
        try {
            return attempt(patient, vitale, actor, attempts);
        } catch (InsiException e) {
            audit.record(actor, "INSI_RECHERCHE", patientId.toString(), "échec : " + e.kind() + (e.faultCode() == null ? "" : " " + e.faultCode()));
            if (e.retryable() && queueWhenDown) {
                outbox.enqueue(CHANNEL, "qualify:" + patientId + ":" + patient.version(), Messages.get("qual.outbox.qualify", patient.displayName()),
                        Payload.qualify(patientId, actor, vitale), Instant.now());
                return outcome(Kind.QUEUED, patient, null, null, attempts, e.getMessage());
            }
            return outcome(Kind.FAILED, patient, null, null, attempts, e.getMessage());
        }
    }

    /** One automatic qualification: Vitale first, then the traits strategy; INSi failures are thrown. */
    private QualificationOutcome attempt(Patient patient, VitaleQuery vitale, String actor, List<InsiAttempt> attempts) throws InsiException {
        UUID patientId = patient.id();
        Identity identity = patient.identity();
        if (identity.status().hasInsFromInsi()) {
            return outcome(Kind.NOT_NEEDED, patient, null, null, List.of(), Messages.get("qual.notNeeded.recovered"));
        }
        if (identity.has(IdentityAttribute.DOUTEUSE) || identity.has(IdentityAttribute.FICTIVE)) {
            return outcome(Kind.NOT_NEEDED, patient, null, null, List.of(), Messages.get("qual.notNeeded.doubtful"));
        }
        InsiResult result = null;
        Ins localIns = null;
        String localNir = null;
        if (vitale != null) {
            result = insi.searchWithVitale(vitale);
            trace(actor, patientId, "carte Vitale", result);
            if (vitale.nirKey() != null && vitale.insuredNir() == null) {
                localNir = vitale.nir() + vitale.nirKey();
                localIns = new Ins(vitale.nir(), vitale.nirKey(), InsType.NIR);
            }
        }
        if (result == null || !result.found()) {
            localIns = null;
            localNir = null;
            Optional<TraitsQuery> next;
            while ((next = InsiSearchStrategy.next(identity.traits(), attempts)).isPresent()) {
                TraitsQuery q = next.get();
                result = insi.searchWithTraits(q);
                trace(actor, patientId, q.withBirthplace() ? "traits avec lieu de naissance" : "traits", result);
                attempts.add(new InsiAttempt(q, result.answer()));
            }
        }
        return conclude(patient, result, localIns, localNir, attempts, actor);
    }

    private QualificationOutcome conclude(Patient patient, InsiResult result, Ins localIns, String localNir, List<InsiAttempt> attempts, String actor) {
        if (result == null) {
            return outcome(Kind.FAILED, patient, null, null, attempts, Messages.get("qual.noQuery"));
        }
        switch (result.answer()) {
            case NONE:
                return new QualificationOutcome(Kind.NOT_FOUND, patient, result, null, attempts, Messages.get("qual.none"), result.warnings());
            case SEVERAL:
                return new QualificationOutcome(Kind.SEVERAL, patient, result, null, attempts, Messages.get("qual.several"), result.warnings());
            default:
                break;
        }
        Identity identity = patient.identity();
        IdentityComparison comparison = IdentityComparison.compare(identity.traits(), localIns, localNir, result.traits(), result.ins());
        if (comparison.perfectMatch()) {
            Patient saved = recover(patient, result, actor, Messages.get("qual.reason.perfect"));
            return new QualificationOutcome(Kind.RECOVERED, saved, result, comparison, attempts,
                    Messages.get("qual.recovered", saved.identity().status() == IdentityStatus.QUALIFIEE ? Messages.get("qual.status.q") : Messages.get("qual.status.r")),
                    result.warnings());
        }
        return new QualificationOutcome(Kind.TO_CONFIRM, patient, result, comparison, attempts, Messages.get("qual.toConfirm"), result.warnings());
    }

    private Patient recover(Patient patient, InsiResult result, String actor, String reason) {
        IdentityStatus before = patient.identity().status();
        Patient saved = patients.save(patient.withIdentity(patient.identity().withInsFromInsi(result.ins(), result.traits())));
        recordHistory(saved.id(), result);
        markVerified(saved.id(), result.ins(), Instant.now(), "00");
        statusChanged(actor, saved, before, reason);
        return saved;
    }

    @Override
    public Patient accept(UUID patientId, InsiResult result, String actor) {
        if (result == null || !result.found()) {
            throw new IllegalArgumentException(Messages.get("qual.acceptNeedsFound"));
        }
        return recover(patient(patientId), result, actor, Messages.get("qual.reason.accepted"));
    }

    @Override
    public Patient updateIdentity(UUID patientId, BirthTraits traits, String usedName, String usedFirstName, String actor) {
        Patient patient = patient(patientId);
        Identity old = patient.identity();
        Identity next = old.withTraits(traits).withUsedNames(usedName, usedFirstName);
        if (next.equals(old)) {
            return patient;
        }
        Patient saved = patients.save(patient.withIdentity(next));
        List<String> changed = new ArrayList<>();
        BirthTraits before = old.traits();
        if (!Objects.equals(before.birthName(), traits.birthName())) {
            changed.add("nom de naissance");
        }
        if (!Objects.equals(before.birthFirstNames(), next.traits().birthFirstNames())) {
            changed.add("prénoms de naissance");
        }
        if (!Objects.equals(before.birthDate(), traits.birthDate())) {
            changed.add("date de naissance");
        }
        if (before.sex() != traits.sex()) {
            changed.add("sexe");
        }
        if (!Objects.equals(before.birthplaceCode(), next.traits().birthplaceCode())) {
            changed.add("lieu de naissance");
        }
        if (!Objects.equals(old.usedName(), next.usedName()) || !Objects.equals(old.usedFirstName(), next.usedFirstName())) {
            changed.add("traits utilisés");
        }
        audit.record(actor, "INS_TRAITS", patientId.toString(), "modifiés : " + String.join(", ", changed));
        if (old.ins() != null && next.ins() == null) {
            // the INS no longer belongs to these traits: no periodic verification of it any more (the history keeps it)
            forgetVerification(patientId);
        }
        if (old.status() != next.status() || old.ins() != null && next.ins() == null) {
            statusChanged(actor, saved, old.status(), Messages.get("qual.reason.traits", String.join(", ", changed)));
        }
        return saved;
    }

    @Override
    public Patient recordDocumentCheck(UUID patientId, IdentityDocumentCheck check, String actor) {
        Patient patient = patient(patientId);
        IdentityStatus before = patient.identity().status();
        Patient saved = patients.save(patient.withIdentity(patient.identity().withDocumentCheck(check)));
        statusChanged(actor, saved, before, Messages.get("qual.reason.document", check.type(), check.checkedBy(), check.checkedAt()));
        return saved;
    }

    @Override
    public Patient markDoubtful(UUID patientId, String actor) {
        Patient patient = patient(patientId);
        IdentityStatus before = patient.identity().status();
        Patient saved = patients.save(patient.withIdentity(patient.identity().withAttribute(IdentityAttribute.DOUTEUSE)));
        forgetVerification(patientId);
        statusChanged(actor, saved, before, Messages.get("qual.reason.doubtful"));
        return saved;
    }

    @Override
    public Patient receiveFromApcv(UUID patientId, ApcvIdentity apcv, String actor) {
        IdentityDocumentCheck check = new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.APPLI_CARTE_VITALE, actor, Instant.now());
        Patient patient;
        IdentityStatus before;
        if (patientId == null) {
            before = IdentityStatus.PROVISOIRE;
            patient = Patient.create(new Identity(apcv.traits(), null, null, apcv.ins(), IdentityStatus.QUALIFIEE, null, check), null, null, null);
        } else {
            Patient existing = patient(patientId);
            before = existing.identity().status();
            Identity old = existing.identity();
            EnumSet<IdentityAttribute> attrs = old.attributes().isEmpty() ? EnumSet.noneOf(IdentityAttribute.class) : EnumSet.copyOf(old.attributes());
            attrs.remove(IdentityAttribute.DOUTEUSE);
            attrs.remove(IdentityAttribute.FICTIVE);
            patient = existing.withIdentity(new Identity(apcv.traits(), old.usedName(), old.usedFirstName(), apcv.ins(), IdentityStatus.QUALIFIEE, attrs, check));
        }
        Patient saved = patients.save(patient);
        recordHistory(saved.id(), new InsiResult(InsiAnswer.FOUND, "ApCV", apcv.ins(), List.of(), apcv.traits(), List.of()));
        markVerified(saved.id(), apcv.ins(), Instant.now(), "ApCV");
        statusChanged(actor, saved, before, Messages.get("qual.reason.apcv", apcv.source()));
        return saved;
    }

    // ---------------------------------------------------------------- verification

    @Override
    public boolean onNewEvent(UUID patientId, String actor) {
        Patient patient = patient(patientId);
        Ins ins = patient.identity().ins();
        if (ins == null || !ins.isNia()) {
            return false;
        }
        outbox.enqueue(CHANNEL, "verify-nia:" + patientId + ":" + Instant.now().toEpochMilli(), Messages.get("qual.outbox.verify", patient.displayName()),
                Payload.verify(patientId, actor), Instant.now());
        return true;
    }

    @Override
    public List<VerificationDue> dueVerifications(Instant now) {
        Instant limit = now.atOffset(ZoneOffset.UTC).minus(VERIFICATION_PERIOD).toInstant();
        return database.withConnection(c -> {
            List<VerificationDue> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT patient_id, matricule, nia, verified_at FROM ins_verification WHERE verified_at <= ? ORDER BY verified_at")) {
                ps.setTimestamp(1, Timestamp.from(limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new VerificationDue(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(),
                                Messages.get("qual.due.period")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int queueDueVerifications(Instant now, String actor) {
        int n = 0;
        for (VerificationDue due : dueVerifications(now)) {
            String description = patients.find(due.patientId()).map(p -> Messages.get("qual.outbox.verify", p.displayName())).orElse(due.matricule());
            outbox.enqueue(CHANNEL, "verify:" + due.patientId() + ":" + due.lastVerified().toEpochMilli(), description, Payload.verify(due.patientId(), actor),
                    Instant.now());
            n++;
        }
        return n;
    }

    @Override
    public QualificationOutcome verify(UUID patientId, String actor) {
        try {
            return verifyOrThrow(patientId, actor);
        } catch (InsiException e) {
            return outcome(Kind.FAILED, patient(patientId), null, null, List.of(), e.getMessage());
        }
    }

    private QualificationOutcome verifyOrThrow(UUID patientId, String actor) throws InsiException {
        Patient patient = patient(patientId);
        Identity identity = patient.identity();
        if (identity.ins() == null) {
            // nothing to verify: a recovery search from the local traits
            return attempt(patient, null, actor, new ArrayList<>());
        }
        List<InsiAttempt> attempts = new ArrayList<>();
        InsiResult result = null;
        Optional<TraitsQuery> next;
        while ((next = InsiSearchStrategy.next(identity.traits(), attempts)).isPresent()) {
            TraitsQuery q = next.get();
            result = insi.searchWithTraits(q);
            trace(actor, patientId, "vérification", result);
            attempts.add(new InsiAttempt(q, result.answer()));
        }
        if (result != null && result.found()) {
            Ins current = identity.ins();
            boolean same = result.ins().value().equals(current.value());
            boolean replaced = !same && result.history().stream().anyMatch(h -> h.value().equals(current.value()));
            if (same) {
                recordHistory(patientId, result);
                markVerified(patientId, result.ins(), Instant.now(), "00");
                audit.record(actor, "INS_VERIFICATION", patientId.toString(), "INS confirmé par l’INSi");
                return new QualificationOutcome(Kind.RECOVERED, patient, result, null, attempts, Messages.get("qual.verified"), result.warnings());
            }
            if (replaced) {
                // NIA replaced by a NIR, or matricule changed: the active one replaces it, the old one stays in the history
                Identity updated = new Identity(identity.traits(), identity.usedName(), identity.usedFirstName(), result.ins(), identity.status(),
                        identity.attributes(), identity.documentCheck());
                Patient saved = patients.save(patient.withIdentity(updated));
                recordHistory(patientId, result);
                markVerified(patientId, result.ins(), Instant.now(), "00 nouveau matricule");
                audit.record(actor, "INS_VERIFICATION", patientId.toString(), "matricule remplacé " + current.value() + " → " + result.ins().value());
                post(saved);
                return new QualificationOutcome(Kind.RECOVERED, saved, result, null, attempts, Messages.get("qual.verifiedChanged", result.ins().value()),
                        result.warnings());
            }
        }
        String code = result == null ? "?" : result.answer().code();
        setLastResult(patientId, "échec " + code);
        audit.record(actor, "INS_VERIFICATION", patientId.toString(), "échec : réponse " + code);
        IdentityComparison comparison = result != null && result.found()
                ? IdentityComparison.compare(identity.traits(), identity.ins(), null, result.traits(), result.ins())
                : null;
        return new QualificationOutcome(result != null && result.found() ? Kind.TO_CONFIRM : result != null && result.answer() == InsiAnswer.SEVERAL ? Kind.SEVERAL : Kind.NOT_FOUND,
                patient, result, comparison, attempts, Messages.get("qual.verifyFailed"), result == null ? List.of() : result.warnings());
    }

    /** Runs one outbox item of channel {@code insi} (see {@link InsiOutboxHandler}). */
    public void deliver(OutboxItem item) throws Exception {
        Payload p = Payload.parse(item.payload());
        try {
            if (p.verify()) {
                verifyOrThrow(p.patientId(), p.actor());
            } else {
                qualifyOrThrow(p);
            }
        } catch (InsiException e) {
            audit.record(p.actor(), p.verify() ? "INS_VERIFICATION" : "INSI_RECHERCHE", p.patientId().toString(),
                    "échec (file d’envoi, essai " + (item.attempts() + 1) + ") : " + e.kind() + (e.faultCode() == null ? "" : " " + e.faultCode()));
            if (e.retryable()) {
                throw new RetryableException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private void qualifyOrThrow(Payload p) throws InsiException {
        attempt(patient(p.patientId()), p.vitale(), p.actor(), new ArrayList<>());
    }

    @Override
    public List<InsHistoryEntry> history(UUID patientId) {
        return database.withConnection(c -> {
            List<InsHistoryEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT matricule, oid, active, recorded_at FROM ins_history WHERE patient_id = ? ORDER BY active DESC, recorded_at DESC, matricule")) {
                ps.setString(1, patientId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InsHistoryEntry(Ins.parse(rs.getString(1), InsType.fromOid(rs.getString(2))), rs.getBoolean(3), rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- helpers

    private Patient patient(UUID id) {
        return patients.find(id).orElseThrow(() -> new IllegalArgumentException(Messages.get("qual.noPatient", id)));
    }

    private void recordHistory(UUID patientId, InsiResult result) {
        Instant now = Instant.now();
        database.inTransaction(c -> {
            try (PreparedStatement clear = c.prepareStatement("UPDATE ins_history SET active = FALSE WHERE patient_id = ?")) {
                clear.setString(1, patientId.toString());
                clear.executeUpdate();
            }
            List<Ins> all = new ArrayList<>();
            all.add(result.ins());
            all.addAll(result.history());
            for (Ins ins : all) {
                boolean active = ins == result.ins();
                try (PreparedStatement upd = c.prepareStatement("UPDATE ins_history SET active = ? WHERE patient_id = ? AND matricule = ? AND oid = ?")) {
                    upd.setBoolean(1, active);
                    upd.setString(2, patientId.toString());
                    upd.setString(3, ins.value());
                    upd.setString(4, ins.oid());
                    if (upd.executeUpdate() == 0) {
                        try (PreparedStatement ins2 = c.prepareStatement(
                                "INSERT INTO ins_history (patient_id, matricule, oid, active, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
                            ins2.setString(1, patientId.toString());
                            ins2.setString(2, ins.value());
                            ins2.setString(3, ins.oid());
                            ins2.setBoolean(4, active);
                            ins2.setTimestamp(5, Timestamp.from(now));
                            ins2.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Records (or moves) the date of the last successful verification; tests and imports may backdate it. */
    public void markVerified(UUID patientId, Ins ins, Instant at, String result) {
        database.inTransaction(c -> {
            try (PreparedStatement upd = c.prepareStatement(
                    "UPDATE ins_verification SET matricule = ?, nia = ?, verified_at = ?, last_result = ? WHERE patient_id = ?")) {
                upd.setString(1, ins.value());
                upd.setBoolean(2, ins.isNia());
                upd.setTimestamp(3, Timestamp.from(at));
                upd.setString(4, result);
                upd.setString(5, patientId.toString());
                if (upd.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO ins_verification (patient_id, matricule, nia, verified_at, last_result) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, patientId.toString());
                        insert.setString(2, ins.value());
                        insert.setBoolean(3, ins.isNia());
                        insert.setTimestamp(4, Timestamp.from(at));
                        insert.setString(5, result);
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private void forgetVerification(UUID patientId) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ins_verification WHERE patient_id = ?")) {
                ps.setString(1, patientId.toString());
                return ps.executeUpdate();
            }
        });
    }

    private void setLastResult(UUID patientId, String result) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ins_verification SET last_result = ? WHERE patient_id = ?")) {
                ps.setString(1, result);
                ps.setString(2, patientId.toString());
                return ps.executeUpdate();
            }
        });
    }

    private void trace(String actor, UUID patientId, String how, InsiResult result) {
        audit.record(actor, "INSI_RECHERCHE", patientId.toString(),
                how + " → " + result.answer().code() + " " + result.label() + (result.found() ? " " + result.ins().type() : ""));
    }

    private void statusChanged(String actor, Patient saved, IdentityStatus before, String reason) {
        audit.record(actor, "INS_STATUT", saved.id().toString(), before + " → " + saved.identity().status() + " : " + reason);
        post(saved);
    }

    private void post(Patient saved) {
        EventAdmin admin = events;
        if (admin != null) {
            Map<String, Object> props = new HashMap<>();
            props.put(CaduceeTopics.PROP_PATIENT_ID, saved.id().toString());
            props.put("status", saved.identity().status().name());
            admin.postEvent(new Event(CaduceeTopics.IDENTITY_STATUS_CHANGED, props));
        }
    }

    private static QualificationOutcome outcome(Kind kind, Patient patient, InsiResult result, IdentityComparison comparison, List<InsiAttempt> attempts,
            String message) {
        return new QualificationOutcome(kind, patient, result, comparison, attempts, message, List.of());
    }
}
