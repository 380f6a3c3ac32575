package org.caducee.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.document.Channel;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.document.SharingState;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;

/**
 * Document records with the CI-SIS versioning rules: a known {@code id} (uniqueId) is refused; a known
 * {@code setId} with the same {@code versionNumber} is refused; any other version is stored beside the others
 * (never over a higher one) and the latest version is the one with the highest {@code versionNumber}.
 */
@Component(service = DocumentRepository.class)
public final class DocumentRepositoryImpl implements DocumentRepository {

    private static final String COLUMNS = "d.id, d.patient_id, d.unique_id, d.set_id, d.version_number, d.type_code, d.type_label, d.title, "
            + "d.act_date, d.author_name, d.format, d.provenance, d.sharing_dmp, d.sharing_mssante, d.confidentiality, d.stored_at, d.deleted_at";

    private final Database database;
    private final Events events = new Events();

    @Activate
    public DocumentRepositoryImpl(@Reference(name = "database") Database database, @Reference(name = "schema", target = "(module=core)") SchemaReady schema) {
        this.database = database;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setEventAdmin(EventAdmin eventAdmin) {
        events.set(eventAdmin);
    }

    public void unsetEventAdmin(EventAdmin eventAdmin) {
        events.unset(eventAdmin);
    }

    @Override
    public HealthDocument add(HealthDocument document) {
        HealthDocument d = new HealthDocument(document.id(), document.patientId(), document.uniqueId(), document.setId(),
                document.versionNumber(), document.typeCode(), document.typeLabel(), document.title(), Jdbc.micros(document.actDate()),
                document.authorName(), document.format(), document.provenance(), document.sharing(), document.confidentiality(),
                Jdbc.micros(document.storedAt()));
        database.inTransaction(c -> {
            refuseDuplicate(c, d);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO health_document (id, patient_id, unique_id, set_id, version_number, "
                    + "type_code, type_label, title, act_date, author_name, format, provenance, sharing_dmp, sharing_mssante, "
                    + "confidentiality, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setObject(i++, d.id());
                ps.setObject(i++, d.patientId());
                ps.setString(i++, d.uniqueId());
                ps.setString(i++, d.setId());
                ps.setInt(i++, d.versionNumber());
                Jdbc.string(ps, i++, d.typeCode());
                Jdbc.string(ps, i++, d.typeLabel());
                Jdbc.string(ps, i++, d.title());
                Jdbc.offset(ps, i++, d.actDate());
                Jdbc.string(ps, i++, d.authorName());
                ps.setString(i++, d.format().name());
                ps.setString(i++, d.provenance().name());
                ps.setString(i++, d.sharing(Channel.DMP).name());
                ps.setString(i++, d.sharing(Channel.MSSANTE).name());
                Jdbc.string(ps, i++, d.confidentiality());
                Jdbc.instant(ps, i++, d.storedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isConstraintViolation(e)) {
                    // a concurrent insert of the same document, or an unknown patient (the transaction is aborted:
                    // tell by the constraint's name)
                    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                    if (m.contains("health_document_set_version")) {
                        throw new DuplicateDocumentException(Messages.get("document.duplicate.version", d.setId(), d.versionNumber()));
                    }
                    if (m.contains("health_document_unique_id") || m.contains("primary key") || m.contains("pkey")) {
                        throw new DuplicateDocumentException(Messages.get("document.duplicate.id", d.uniqueId()));
                    }
                    throw new StoreException(Messages.get("document.patient.unknown", d.patientId()), e);
                }
                throw e;
            }
            return null;
        });
        events.post(CaduceeTopics.DOCUMENT_ADDED,
                Map.of(CaduceeTopics.PROP_DOCUMENT_ID, d.id().toString(), CaduceeTopics.PROP_PATIENT_ID, d.patientId().toString()));
        return d;
    }

    private static void refuseDuplicate(Connection c, HealthDocument d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM health_document WHERE unique_id = ? OR id = ?")) {
            ps.setString(1, d.uniqueId());
            ps.setObject(2, d.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new DuplicateDocumentException(Messages.get("document.duplicate.id", d.uniqueId()));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM health_document WHERE set_id = ? AND version_number = ?")) {
            ps.setString(1, d.setId());
            ps.setInt(2, d.versionNumber());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new DuplicateDocumentException(Messages.get("document.duplicate.version", d.setId(), d.versionNumber()));
                }
            }
        }
    }

    @Override
    public Optional<HealthDocument> markDeleted(UUID id, java.time.Instant at) {
        int n = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE health_document SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
                Jdbc.instant(ps, 1, Jdbc.micros(at));
                ps.setObject(2, id);
                return ps.executeUpdate();
            }
        });
        Optional<HealthDocument> marked = find(id);
        if (n > 0) {
            marked.ifPresent(d -> events.post(CaduceeTopics.DOCUMENT_DELETED,
                    Map.of(CaduceeTopics.PROP_DOCUMENT_ID, d.id().toString(), CaduceeTopics.PROP_PATIENT_ID, d.patientId().toString())));
        }
        return marked;
    }

    @Override
    public HealthDocument updateSharing(UUID id, Channel channel, SharingState state) {
        String column = channel == Channel.DMP ? "sharing_dmp" : "sharing_mssante";
        int n = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE health_document SET " + column + " = ? WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setObject(2, id);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new StoreException(Messages.get("document.unknown", id));
        }
        HealthDocument d = find(id).orElseThrow(() -> new StoreException(Messages.get("document.unknown", id)));
        events.post(CaduceeTopics.DOCUMENT_SHARING_CHANGED, Map.of(CaduceeTopics.PROP_DOCUMENT_ID, id.toString(),
                CaduceeTopics.PROP_PATIENT_ID, d.patientId().toString(), CaduceeTopics.PROP_CHANNEL, channel.name()));
        return d;
    }

    @Override
    public Optional<HealthDocument> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM health_document d WHERE d.id = ?", id).stream().findFirst();
    }

    @Override
    public Optional<HealthDocument> findByUniqueId(String uniqueId) {
        return query("SELECT " + COLUMNS + " FROM health_document d WHERE d.unique_id = ?", uniqueId).stream().findFirst();
    }

    @Override
    public List<HealthDocument> forPatient(UUID patientId) {
        return query("SELECT " + COLUMNS + " FROM health_document d WHERE d.patient_id = ? "
                + "ORDER BY d.act_date DESC NULLS LAST, d.version_number DESC, d.stored_at DESC", patientId);
    }

    @Override
    public List<HealthDocument> latestVersions(UUID patientId) {
        return query("SELECT " + COLUMNS + " FROM health_document d WHERE d.patient_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM health_document n WHERE n.set_id = d.set_id AND n.version_number > d.version_number) "
                + "ORDER BY d.act_date DESC NULLS LAST, d.stored_at DESC", patientId);
    }

    private List<HealthDocument> query(String sql, Object arg) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                List<HealthDocument> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static HealthDocument read(ResultSet rs) throws SQLException {
        Map<Channel, SharingState> sharing = new EnumMap<>(Channel.class);
        sharing.put(Channel.DMP, SharingState.valueOf(rs.getString("sharing_dmp")));
        sharing.put(Channel.MSSANTE, SharingState.valueOf(rs.getString("sharing_mssante")));
        return new HealthDocument(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "patient_id"), rs.getString("unique_id"), rs.getString("set_id"),
                rs.getInt("version_number"), rs.getString("type_code"), rs.getString("type_label"), rs.getString("title"),
                Jdbc.offset(rs, "act_date"), rs.getString("author_name"), DocumentFormat.valueOf(rs.getString("format")),
                Provenance.valueOf(rs.getString("provenance")), sharing, rs.getString("confidentiality"), Jdbc.instant(rs, "stored_at"),
                Jdbc.instant(rs, "deleted_at"));
    }
}
