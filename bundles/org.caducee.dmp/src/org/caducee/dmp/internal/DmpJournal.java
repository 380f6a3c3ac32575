package org.caducee.dmp.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import org.caducee.store.Database;

/**
 * What the workstation remembers of the DMP: authorisations obtained, information notices read, documents fed, and per
 * professional and patient the consultations and the documents already listed.
 */
final class DmpJournal {

    private final Database database;

    DmpJournal(Database database) {
        this.database = database;
    }

    Optional<Instant> lastAuthorization(UUID patientId, String nationalId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT authorized_at FROM dmp_authorization WHERE patient_id = ? AND national_id = ?")) {
                ps.setString(1, patientId.toString());
                ps.setString(2, nationalId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    void authorized(UUID patientId, String nationalId, Instant at) {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM dmp_authorization WHERE patient_id = ? AND national_id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO dmp_authorization (patient_id, national_id, authorized_at) VALUES (?, ?, ?)")) {
                delete.setString(1, patientId.toString());
                delete.setString(2, nationalId);
                delete.executeUpdate();
                insert.setString(1, patientId.toString());
                insert.setString(2, nationalId);
                insert.setTimestamp(3, Timestamp.from(at));
                insert.executeUpdate();
            }
            return null;
        });
    }

    Optional<Instant> noticeAcknowledged(String login) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT acknowledged_at FROM dmp_notice WHERE login = ?")) {
                ps.setString(1, login);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    void acknowledge(String login, Instant at) {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dmp_notice WHERE login = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO dmp_notice (login, acknowledged_at) VALUES (?, ?)")) {
                delete.setString(1, login);
                delete.executeUpdate();
                insert.setString(1, login);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Records that {@code uniqueId} is registered in the DMP as {@code entryUuid} (idempotent). */
    void fed(String uniqueId, UUID documentId, String entryUuid, Instant at) {
        database.inTransaction(c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM dmp_feed WHERE unique_id = ?")) {
                exists.setString(1, uniqueId);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO dmp_feed (unique_id, document_id, entry_uuid, sent_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, uniqueId);
                insert.setString(2, documentId.toString());
                insert.setString(3, entryUuid);
                insert.setTimestamp(4, Timestamp.from(at));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The entryUUID under which {@code uniqueId} was registered, if it was. */
    Optional<String> fedEntry(String uniqueId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT entry_uuid FROM dmp_feed WHERE unique_id = ?")) {
                ps.setString(1, uniqueId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** When the document was registered, if it was. */
    Optional<Instant> fedAt(UUID documentId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sent_at FROM dmp_feed WHERE document_id = ?")) {
                ps.setString(1, documentId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    /**
     * What this professional knew of the patient's DMP before now: the previous consultation, and the uniqueIds of the
     * documents listed to him or her then and before (empty when the previous consultation predates this record).
     */
    record Visit(Optional<Instant> previous, Optional<Set<String>> seen) {
    }

    /**
     * Records this consultation at {@code now} with the documents it lists ({@code listed}, uniqueIds) and returns what
     * was known before it, in one transaction.
     */
    Visit visit(UUID patientId, String nationalId, Instant now, Collection<String> listed) {
        return database.inTransaction(c -> {
            Optional<Instant> previous = Optional.empty();
            boolean recorded = false;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT visited_at, seen_recorded FROM dmp_visit WHERE patient_id = ? AND national_id = ?")) {
                ps.setString(1, patientId.toString());
                ps.setString(2, nationalId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        previous = Optional.of(rs.getTimestamp(1).toInstant());
                        recorded = rs.getBoolean(2);
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT unique_id FROM dmp_seen WHERE patient_id = ? AND national_id = ?")) {
                ps.setString(1, patientId.toString());
                ps.setString(2, nationalId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO dmp_seen (patient_id, national_id, unique_id, seen_at) VALUES (?, ?, ?, ?)")) {
                for (String uniqueId : new java.util.LinkedHashSet<>(listed)) {
                    if (!seen.contains(uniqueId)) {
                        insert.setString(1, patientId.toString());
                        insert.setString(2, nationalId);
                        insert.setString(3, uniqueId);
                        insert.setTimestamp(4, Timestamp.from(now));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dmp_visit WHERE patient_id = ? AND national_id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO dmp_visit (patient_id, national_id, visited_at, seen_recorded) VALUES (?, ?, ?, ?)")) {
                delete.setString(1, patientId.toString());
                delete.setString(2, nationalId);
                delete.executeUpdate();
                insert.setString(1, patientId.toString());
                insert.setString(2, nationalId);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setBoolean(4, true);
                insert.executeUpdate();
            }
            return new Visit(previous, previous.isEmpty() || recorded ? Optional.of(Set.copyOf(seen)) : Optional.<Set<String>>empty());
        });
    }
}
