package org.caducee.xds.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.xds.Worklist;
import org.caducee.xds.WorklistItem;
import org.caducee.xds.WorklistReason;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The worklist in table {@code xds_worklist}; the original bytes are kept even once the item is closed. */
@Component(service = Worklist.class)
public final class WorklistImpl implements Worklist {

    private static final String COLUMNS = "id, received_at, reason, detail, origin, file_name, unique_id, set_id, version_number, patient, open_item";

    private final Database database;

    @Activate
    public WorklistImpl(@Reference Database database, @Reference(target = "(module=" + XdsSchema.MODULE + ")") SchemaReady schema) {
        this.database = database;
    }

    @Override
    public WorklistItem add(WorklistReason reason, String detail, String origin, String fileName, byte[] content, String uniqueId,
            String setId, Integer versionNumber, String patient) {
        WorklistItem item = new WorklistItem(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), reason,
                Sql.cut(detail == null ? "" : detail, 4000), Sql.cut(origin, 1000), Sql.cut(fileName, 500), Sql.cut(uniqueId, 200),
                Sql.cut(setId, 200), versionNumber, Sql.cut(patient, 500), true);
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO xds_worklist (" + COLUMNS + ", content) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setObject(i++, item.id());
                Sql.instant(ps, i++, item.receivedAt());
                ps.setString(i++, reason.name());
                ps.setString(i++, item.detail());
                Sql.string(ps, i++, item.origin());
                Sql.string(ps, i++, item.fileName());
                Sql.string(ps, i++, item.uniqueId());
                Sql.string(ps, i++, item.setId());
                if (versionNumber == null) {
                    ps.setNull(i++, Types.INTEGER);
                } else {
                    ps.setInt(i++, versionNumber);
                }
                Sql.string(ps, i++, item.patient());
                ps.setBoolean(i++, true);
                ps.setBytes(i++, content == null ? new byte[0] : content);
                return ps.executeUpdate();
            }
        });
        return item;
    }

    @Override
    public List<WorklistItem> open() {
        return query("SELECT " + COLUMNS + " FROM xds_worklist WHERE open_item = ? ORDER BY received_at, id", true);
    }

    @Override
    public Optional<WorklistItem> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM xds_worklist WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public Optional<byte[]> content(UUID id) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM xds_worklist WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public void close(UUID id) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE xds_worklist SET open_item = ?, closed_at = ? WHERE id = ?")) {
                ps.setBoolean(1, false);
                Sql.instant(ps, 2, Instant.now());
                ps.setObject(3, id);
                return ps.executeUpdate();
            }
        });
    }

    private List<WorklistItem> query(String sql, Object arg) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                List<WorklistItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static WorklistItem read(ResultSet rs) throws SQLException {
        int v = rs.getInt("version_number");
        Integer version = rs.wasNull() ? null : v;
        return new WorklistItem(Sql.uuid(rs, "id"), Sql.instant(rs, "received_at"), WorklistReason.valueOf(rs.getString("reason")),
                rs.getString("detail"), rs.getString("origin"), rs.getString("file_name"), rs.getString("unique_id"), rs.getString("set_id"),
                version, rs.getString("patient"), rs.getBoolean("open_item"));
    }
}
