package org.caducee.mss.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.store.Database;

/** Raw outgoing messages, keyed by Message-ID: what the outbox handler sends, and whether it was sent. */
public final class OutgoingMessages {

    /** One stored message. */
    public record Outgoing(String messageId, String recipients, String subject, byte[] raw, String state) {
    }

    private final Database db;
    private final Clock clock;

    public OutgoingMessages(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void insert(String messageId, String recipients, String subject, byte[] raw, String patientRef) {
        insert(messageId, recipients, subject, raw, patientRef, null);
    }

    public void insert(String messageId, String recipients, String subject, byte[] raw, String patientRef, UUID documentId) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mss_outgoing (message_id, recipients, subject, raw, state, patient_ref,"
                    + " created_at, document_id) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?)")) {
                ps.setString(1, messageId);
                ps.setString(2, cut(recipients, 4000));
                ps.setString(3, cut(subject, 1000));
                ps.setBytes(4, raw);
                ps.setString(5, patientRef);
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                ps.setObject(7, documentId);
                return ps.executeUpdate();
            }
        });
    }

    /** Remembers the outbox item that delivers the message (its state is the send state shown to the user). */
    public void attachOutboxItem(String messageId, UUID outboxId) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mss_outgoing SET outbox_id = ? WHERE message_id = ?")) {
                ps.setObject(1, outboxId);
                ps.setString(2, messageId);
                return ps.executeUpdate();
            }
        });
    }

    /** One row of the sent folder, without the raw message. */
    public record Row(String messageId, String recipients, String subject, String state, String patientRef, UUID documentId, UUID outboxId,
            Instant createdAt, Instant sentAt) {
    }

    public List<Row> latest(int max) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, recipients, subject, state, patient_ref, document_id, outbox_id,"
                    + " created_at, sent_at FROM mss_outgoing ORDER BY created_at DESC")) {
                ps.setMaxRows(Math.max(1, max));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Row> out = new ArrayList<>();
                    while (rs.next()) {
                        Timestamp sent = rs.getTimestamp(9);
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getObject(6, UUID.class), rs.getObject(7, UUID.class), rs.getTimestamp(8).toInstant(),
                                sent == null ? null : sent.toInstant()));
                    }
                    return out;
                }
            }
        });
    }

    /** The document a message carries, if it was sent from a record. */
    public Optional<UUID> documentOf(String messageId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id FROM mss_outgoing WHERE message_id = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
                }
            }
        });
    }

    /** Recipients of the messages sent about this patient, newest first (comma-separated lists as stored). */
    public List<String> recipientsFor(String patientRef) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT recipients FROM mss_outgoing WHERE patient_ref = ? ORDER BY created_at DESC")) {
                ps.setString(1, patientRef);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    public Optional<Outgoing> find(String messageId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, recipients, subject, raw, state FROM mss_outgoing WHERE message_id = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Outgoing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)))
                            : Optional.<Outgoing>empty();
                }
            }
        });
    }

    public void markSent(String messageId) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mss_outgoing SET state = 'SENT', sent_at = ? WHERE message_id = ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, messageId);
                return ps.executeUpdate();
            }
        });
    }

    public boolean pdfOnly(String address) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pdf_only FROM mss_correspondent WHERE address = ?")) {
                ps.setString(1, normalise(address));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    public void setPdfOnly(String address, boolean pdfOnly) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM mss_correspondent WHERE address = ?")) {
                del.setString(1, normalise(address));
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mss_correspondent (address, pdf_only, updated_at) VALUES (?, ?, ?)")) {
                ps.setString(1, normalise(address));
                ps.setBoolean(2, pdfOnly);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    static String normalise(String address) {
        return address.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
