package org.caducee.mss.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.mss.MssErrorCode;
import org.caducee.mss.MssReception.ReceivedItem;
import org.caducee.mss.MssReception.Status;
import org.caducee.store.Database;

/** Received messages as stored locally (raw MIME kept), with their processing result. */
public final class ReceivedMessages {

    private static final String COLUMNS = "id, message_id, sender, from_patient, subject, status, error_code, reason, attachments, received_at,"
            + " patient_id, document_ids, notice";

    private final Database db;
    private final Clock clock;

    public ReceivedMessages(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Makes the stored messages survive a killed process, before the mailbox is told they were handled. */
    void makeDurable() {
        db.makeDurable();
    }

    public boolean contains(String messageId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mss_received WHERE message_id = ?")) {
                ps.setString(1, OutgoingMessages.cut(messageId, 300));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public ReceivedItem insert(String messageId, String sender, boolean fromPatient, String subject, Status status, MssErrorCode code, String reason,
            List<String> attachments, byte[] raw) {
        return insert(messageId, sender, fromPatient, subject, status, code, reason, attachments, raw, null, List.of(), null);
    }

    /**
     * An integrated message with where its documents went (the patient, the documents, the French notice of what it
     * changed), in one statement: what {@link #insert} then {@link #recordFiling} store.
     */
    public ReceivedItem insertIntegrated(String messageId, String sender, String subject, List<String> attachments, byte[] raw, UUID patientId,
            List<String> documentIds, String notice) {
        return insert(messageId, sender, false, subject, Status.INTEGRATED, null, null, attachments, raw, patientId, documentIds, notice);
    }

    private ReceivedItem insert(String messageId, String sender, boolean fromPatient, String subject, Status status, MssErrorCode code, String reason,
            List<String> attachments, byte[] raw, UUID patientId, List<String> documentIds, String notice) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mss_received (id, message_id, sender, from_patient, subject, status, error_code,"
                    + " reason, attachments, received_at, raw, updated_at, patient_id, document_ids, notice) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setObject(1, id);
                ps.setString(2, OutgoingMessages.cut(messageId, 300));
                ps.setString(3, OutgoingMessages.cut(sender, 320));
                ps.setBoolean(4, fromPatient);
                ps.setString(5, OutgoingMessages.cut(subject, 1000));
                ps.setString(6, status.name());
                if (code == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, code.code());
                }
                ps.setString(8, OutgoingMessages.cut(reason, 4000));
                ps.setString(9, OutgoingMessages.cut(String.join("\n", attachments), 4000));
                ps.setTimestamp(10, Timestamp.from(now));
                ps.setBytes(11, raw);
                ps.setTimestamp(12, Timestamp.from(now));
                ps.setObject(13, patientId);
                ps.setString(14, documentIds.isEmpty() ? null : OutgoingMessages.cut(String.join("\n", documentIds), 4000));
                ps.setString(15, OutgoingMessages.cut(notice, 4000));
                return ps.executeUpdate();
            }
        });
        return new ReceivedItem(id, messageId, sender, fromPatient, subject, status, code, reason, List.copyOf(attachments), now, patientId,
                ids(String.join("\n", documentIds)), notice);
    }

    /** Records where the documents of a message went: the patient, the documents, what it changed (French notice). */
    public void recordFiling(UUID id, UUID patientId, List<String> documentIds, String notice) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mss_received SET patient_id = ?, document_ids = ?, notice = ? WHERE id = ?")) {
                ps.setObject(1, patientId);
                ps.setString(2, OutgoingMessages.cut(String.join("\n", documentIds), 4000));
                ps.setString(3, OutgoingMessages.cut(notice, 4000));
                ps.setObject(4, id);
                return ps.executeUpdate();
            }
        });
    }

    public List<ReceivedItem> forPatient(UUID patientId) {
        return query("SELECT " + COLUMNS + " FROM mss_received WHERE patient_id = ? ORDER BY received_at DESC", patientId);
    }

    /** Distinct professional senders of the messages filed into this patient's record. */
    public List<String> sendersFor(UUID patientId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT LOWER(sender) FROM mss_received WHERE patient_id = ? AND from_patient = FALSE AND sender IS NOT NULL")) {
                ps.setObject(1, patientId);
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

    public void updateStatus(UUID id, Status status, MssErrorCode code, String reason) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mss_received SET status = ?, error_code = ?, reason = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                if (code == null) {
                    ps.setNull(2, Types.INTEGER);
                } else {
                    ps.setInt(2, code.code());
                }
                ps.setString(3, OutgoingMessages.cut(reason, 4000));
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setObject(5, id);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<ReceivedItem> find(UUID id) {
        List<ReceivedItem> l = query("SELECT " + COLUMNS + " FROM mss_received WHERE id = ?", id);
        return l.stream().findFirst();
    }

    public byte[] raw(UUID id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT raw FROM mss_received WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    public List<ReceivedItem> worklist() {
        return query("SELECT " + COLUMNS + " FROM mss_received WHERE status = 'WORKLIST' ORDER BY received_at");
    }

    public List<ReceivedItem> latest(int max) {
        List<ReceivedItem> all = query("SELECT " + COLUMNS + " FROM mss_received ORDER BY received_at DESC");
        return all.size() > max ? all.subList(0, max) : all;
    }

    private List<ReceivedItem> query(String sql, Object... args) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<ReceivedItem> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static ReceivedItem row(ResultSet rs) throws SQLException {
        int code = rs.getInt(7);
        MssErrorCode c = rs.wasNull() ? null : MssErrorCode.of(code);
        String att = rs.getString(9);
        return new ReceivedItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                Status.valueOf(rs.getString(6)), c, rs.getString(8), att == null || att.isEmpty() ? List.of() : Arrays.asList(att.split("\n")),
                rs.getTimestamp(10).toInstant(), rs.getObject(11, UUID.class), ids(rs.getString(12)), rs.getString(13));
    }

    private static List<UUID> ids(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<UUID> out = new ArrayList<>();
        for (String s : text.split("\n")) {
            try {
                out.add(UUID.fromString(s.strip()));
            } catch (IllegalArgumentException e) {
                // an engine that returns other references (tests): not a local document
            }
        }
        return out;
    }
}
