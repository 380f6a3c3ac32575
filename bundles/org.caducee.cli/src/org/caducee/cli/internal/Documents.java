package org.caducee.cli.internal;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.caducee.core.audit.AuditVerification;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.Ins;
import org.caducee.core.patient.Patient;
import org.caducee.outbox.OutboxItem;
import org.caducee.store.AppliedMigration;

/**
 * Stable JSON shapes (maps with fixed English field names; dates as ISO-8601 strings) and the French one-line text
 * forms of the domain objects. Field names are API for scripts: add fields, never rename or remove them.
 */
final class Documents {

    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);

    private Documents() {
    }

    static Map<String, Object> patient(Patient patient) {
        Identity identity = patient.identity();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", patient.id().toString());
        map.put("displayName", patient.displayName());
        map.put("birthName", identity.traits().birthName());
        map.put("birthFirstNames", identity.traits().birthFirstNames());
        map.put("usedName", identity.usedName());
        map.put("usedFirstName", identity.usedFirstName());
        map.put("sex", identity.traits().sex().code());
        map.put("birthDate", identity.traits().birthDate().toString());
        map.put("birthplaceCode", identity.traits().birthplaceCode());
        map.put("status", identity.status().name());
        map.put("statusCode", identity.status().code());
        map.put("attributes", identity.attributes().stream().map(IdentityAttribute::code).sorted().toList());
        map.put("ins", ins(identity.ins()));
        map.put("documentCheck", identity.documentCheck() == null ? null : Map.of("type", identity.documentCheck().type().name(),
                "checkedBy", identity.documentCheck().checkedBy(), "checkedAt", identity.documentCheck().checkedAt().toString()));
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line", patient.address().line());
        address.put("postalCode", patient.address().postalCode());
        address.put("city", patient.address().city());
        address.put("country", patient.address().country());
        map.put("address", address);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("phone", patient.contact().phone());
        contact.put("mobile", patient.contact().mobile());
        contact.put("email", patient.contact().email());
        map.put("contact", contact);
        map.put("treatingDoctorRpps", patient.treatingDoctorRpps());
        map.put("version", patient.version());
        return map;
    }

    static Map<String, Object> ins(Ins ins) {
        if (ins == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", ins.value());
        map.put("number", ins.number());
        map.put("key", ins.key());
        map.put("keyValid", ins.keyValid());
        map.put("type", ins.type().name());
        map.put("oid", ins.oid());
        return map;
    }

    static String patientLine(Patient patient) {
        Identity identity = patient.identity();
        StringBuilder line = new StringBuilder();
        line.append(patient.id()).append("  ").append(patient.displayName());
        if (identity.usedName() != null && !identity.usedName().equals(identity.traits().birthName())) {
            line.append(" (né(e) ").append(identity.traits().birthName()).append(')');
        }
        line.append("  ").append(identity.traits().sex().code()).append("  ").append(FR_DATE.format(identity.traits().birthDate()));
        line.append("  ").append(Messages.get("status." + identity.status().name()));
        for (IdentityAttribute attribute : identity.attributes()) {
            line.append(", ").append(Messages.get("attribute." + attribute.name()));
        }
        if (identity.ins() != null) {
            line.append("  INS ").append(identity.ins().value());
            if (!identity.ins().keyValid()) {
                line.append(' ').append(Messages.get("ins.badKey"));
            }
        }
        return line.toString();
    }

    static String patientDetail(Patient patient) {
        Identity identity = patient.identity();
        StringBuilder text = new StringBuilder();
        text.append(Messages.get("show.id", patient.id())).append('\n');
        text.append(Messages.get("show.birthName", identity.traits().birthName())).append('\n');
        text.append(Messages.get("show.firstNames", identity.traits().firstNamesList())).append('\n');
        if (identity.usedName() != null || identity.usedFirstName() != null) {
            text.append(Messages.get("show.used", nz(identity.usedName()), nz(identity.usedFirstName()))).append('\n');
        }
        text.append(Messages.get("show.sexBirth", identity.traits().sex().code(), FR_DATE.format(identity.traits().birthDate()),
                nz(identity.traits().birthplaceCode()))).append('\n');
        StringBuilder status = new StringBuilder(Messages.get("status." + identity.status().name()));
        identity.attributes().forEach(a -> status.append(", ").append(Messages.get("attribute." + a.name())));
        text.append(Messages.get("show.status", status)).append('\n');
        if (identity.ins() != null) {
            text.append(Messages.get("show.ins", identity.ins().value(), identity.ins().oid(),
                    identity.ins().keyValid() ? "" : " " + Messages.get("ins.badKey"))).append('\n');
        }
        var a = patient.address();
        if (a.line() != null || a.city() != null) {
            text.append(Messages.get("show.address", String.join(" ", List.of(nz(a.line()), nz(a.postalCode()), nz(a.city())).stream()
                    .filter(s -> !s.isEmpty()).toList()))).append('\n');
        }
        if (patient.treatingDoctorRpps() != null) {
            text.append(Messages.get("show.doctor", patient.treatingDoctorRpps())).append('\n');
        }
        return text.toString().stripTrailing();
    }

    static Map<String, Object> document(HealthDocument doc) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", doc.id().toString());
        map.put("patientId", doc.patientId().toString());
        map.put("uniqueId", doc.uniqueId());
        map.put("setId", doc.setId());
        map.put("versionNumber", doc.versionNumber());
        map.put("typeCode", doc.typeCode());
        map.put("typeLabel", doc.typeLabel());
        map.put("title", doc.title());
        map.put("actDate", doc.actDate() == null ? null : doc.actDate().toString());
        map.put("authorName", doc.authorName());
        map.put("format", doc.format().name());
        map.put("provenance", doc.provenance().name());
        map.put("deleted", doc.deleted());
        map.put("deletedAt", doc.deletedAt() == null ? null : doc.deletedAt().toString());
        Map<String, Object> sharing = new TreeMap<>();
        doc.sharing().forEach((channel, state) -> sharing.put(channel.name(), state.name()));
        map.put("sharing", sharing);
        map.put("confidentiality", doc.confidentiality());
        map.put("storedAt", doc.storedAt().toString());
        return map;
    }

    static String documentLine(HealthDocument doc) {
        return doc.id() + "  " + (doc.actDate() == null ? "—" : FR_DATE.format(doc.actDate())) + "  " + nz(doc.typeLabel() != null ? doc.typeLabel() : doc.typeCode())
                + "  « " + nz(doc.title()) + " »  v" + doc.versionNumber() + "  " + doc.format() + "  DMP " + doc.sharing().get(org.caducee.core.document.Channel.DMP)
                + ", MSSanté " + doc.sharing().get(org.caducee.core.document.Channel.MSSANTE)
                + (doc.deleted() ? "  " + Messages.get("doc.deleted") : "");
    }

    static Map<String, Object> outboxItem(OutboxItem item) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", item.id() == null ? null : item.id().toString());
        map.put("channel", item.channel());
        map.put("idempotencyKey", item.idempotencyKey());
        map.put("description", item.description());
        map.put("state", item.state() == null ? null : item.state().name());
        map.put("notBefore", item.notBefore() == null ? null : item.notBefore().toString());
        map.put("attempts", item.attempts());
        map.put("lastError", item.lastError());
        map.put("createdAt", item.createdAt() == null ? null : item.createdAt().toString());
        map.put("updatedAt", item.updatedAt() == null ? null : item.updatedAt().toString());
        return map;
    }

    static String outboxLine(OutboxItem item) {
        return item.id() + "  " + item.channel() + "  " + Messages.get("outbox.state." + item.state().name()) + "  " + nz(item.description())
                + (item.attempts() > 0 ? "  " + Messages.get("outbox.attempts", item.attempts()) : "")
                + (item.lastError() != null ? "  " + Messages.get("outbox.lastError", item.lastError()) : "");
    }

    static Map<String, Object> verification(AuditVerification verification) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("intact", verification.intact());
        map.put("checked", verification.checked());
        map.put("firstBrokenSequence", verification.intact() ? null : verification.firstBrokenSequence());
        map.put("reason", verification.reason());
        return map;
    }

    static Map<String, Object> step(AppliedMigration step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("module", step.module());
        map.put("version", step.version());
        map.put("description", step.description());
        map.put("appliedAt", step.appliedAt() == null ? null : step.appliedAt().toString());
        return map;
    }

    static String nz(Object value) {
        return value == null ? "" : value.toString();
    }
}
