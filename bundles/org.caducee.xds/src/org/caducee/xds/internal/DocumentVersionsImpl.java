package org.caducee.xds.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.StoredVersion;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The CI-SIS versioning rules over the register {@code xds_document} and the core document records. A version is
 * inserted in the register and the core record added in one transaction of the register: a refusal of the core
 * repository (a document produced locally with the same id) rolls the register back.
 */
@Component(service = DocumentVersions.class)
public final class DocumentVersionsImpl implements DocumentVersions {

    private static final String COLUMNS = "document_id, patient_id, unique_id, set_id, version_number, hash, size_bytes, mime_type, source, "
            + "origin, imported_at, deleted_at, deleted_by";

    private final Database database;
    private final DocumentRepository documents;

    @Activate
    public DocumentVersionsImpl(@Reference Database database, @Reference DocumentRepository documents,
            @Reference(target = "(module=" + XdsSchema.MODULE + ")") SchemaReady schema) {
        this.database = database;
        this.documents = documents;
    }

    @Override
    public Optional<Refusal> check(String uniqueId, String setId, int versionNumber, String sha1) {
        return database.withConnection(c -> refusal(c, uniqueId, setId, versionNumber, sha1));
    }

    private Optional<Refusal> refusal(Connection c, String uniqueId, String setId, int versionNumber, String sha1) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM xds_document WHERE unique_id = ?")) {
            ps.setString(1, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(rs.getString(1).equalsIgnoreCase(sha1) ? Refusal.ALREADY_STORED : Refusal.SAME_ID);
                }
            }
        }
        if (documents.findByUniqueId(uniqueId).isPresent()) {
            return Optional.of(Refusal.SAME_ID);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM xds_document WHERE set_id = ? AND version_number = ?")) {
            ps.setString(1, setId);
            ps.setInt(2, versionNumber);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(Refusal.SAME_VERSION);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public StoredVersion store(HealthDocument record, byte[] content, String mimeType, String source, String origin) {
        String hash = Hl7.sha1(content);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return database.inTransaction(c -> {
            Optional<Refusal> refusal = refusal(c, record.uniqueId(), record.setId(), record.versionNumber(), hash);
            if (refusal.isPresent()) {
                throw new DuplicateDocumentException(refusal.get() == Refusal.SAME_VERSION
                        ? Messages.get("versions.sameVersion", record.setId(), record.versionNumber())
                        : refusal.get() == Refusal.ALREADY_STORED ? Messages.get("versions.alreadyStored", record.uniqueId())
                                : Messages.get("versions.sameId", record.uniqueId()));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO xds_document (document_id, patient_id, unique_id, set_id, "
                    + "version_number, hash, size_bytes, mime_type, source, origin, content, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setObject(i++, record.id());
                ps.setObject(i++, record.patientId());
                ps.setString(i++, record.uniqueId());
                ps.setString(i++, record.setId());
                ps.setInt(i++, record.versionNumber());
                ps.setString(i++, hash);
                ps.setLong(i++, content.length);
                ps.setString(i++, mimeType);
                ps.setString(i++, source);
                Sql.string(ps, i++, Sql.cut(origin, 1000));
                ps.setBytes(i++, content);
                Sql.instant(ps, i++, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (m.contains("xds_document_set_version")) {
                    throw new DuplicateDocumentException(Messages.get("versions.sameVersion", record.setId(), record.versionNumber()));
                }
                if (m.contains("xds_document_unique_id")) {
                    throw new DuplicateDocumentException(Messages.get("versions.sameId", record.uniqueId()));
                }
                throw e;
            }
            documents.add(record);
            return new StoredVersion(record.id(), record.patientId(), record.uniqueId(), record.setId(), record.versionNumber(), hash,
                    content.length, mimeType, source, origin, now, null, null);
        });
    }

    @Override
    public Optional<StoredVersion> markDeleted(String uniqueId, String requestedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE xds_document SET deleted_at = ?, deleted_by = ? WHERE unique_id = ? AND deleted_at IS NULL")) {
                Sql.instant(ps, 1, now);
                Sql.string(ps, 2, requestedBy);
                ps.setString(3, uniqueId);
                return ps.executeUpdate();
            }
        });
        Optional<StoredVersion> marked = find(uniqueId);
        // the core record shows the mark too (doc list, the patient record)
        marked.filter(StoredVersion::deleted).ifPresent(v -> documents.markDeleted(v.documentId(), v.deletedAt()));
        return marked;
    }

    @Override
    public List<StoredVersion> versions(String setId) {
        return query("SELECT " + COLUMNS + " FROM xds_document WHERE set_id = ? ORDER BY version_number DESC", setId);
    }

    @Override
    public Optional<StoredVersion> latest(String setId) {
        return versions(setId).stream().findFirst();
    }

    @Override
    public Optional<StoredVersion> find(String uniqueId) {
        return query("SELECT " + COLUMNS + " FROM xds_document WHERE unique_id = ?", uniqueId).stream().findFirst();
    }

    @Override
    public Optional<byte[]> content(UUID documentId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM xds_document WHERE document_id = ?")) {
                ps.setObject(1, documentId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    private List<StoredVersion> query(String sql, String arg) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                List<StoredVersion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredVersion(Sql.uuid(rs, "document_id"), Sql.uuid(rs, "patient_id"), rs.getString("unique_id"),
                                rs.getString("set_id"), rs.getInt("version_number"), rs.getString("hash"), rs.getLong("size_bytes"),
                                rs.getString("mime_type"), rs.getString("source"), rs.getString("origin"), Sql.instant(rs, "imported_at"),
                                Sql.instant(rs, "deleted_at"), rs.getString("deleted_by")));
                    }
                }
                return out;
            }
        });
    }
}
