package org.caducee.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.CareRepository;
import org.caducee.core.care.Consent;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Care episodes and their consents; every consent recorded is kept, the latest one counts. */
@Component(service = CareRepository.class)
public final class CareRepositoryImpl implements CareRepository {

    private final Database database;

    @Activate
    public CareRepositoryImpl(@Reference(name = "database") Database database, @Reference(name = "schema", target = "(module=core)") SchemaReady schema) {
        this.database = database;
    }

    @Override
    public CareEpisode save(CareEpisode e) {
        return database.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE care_episode SET patient_id = ?, label = ?, start_date = ?, end_date = ? WHERE id = ?")) {
                ps.setObject(1, e.patientId());
                Jdbc.string(ps, 2, e.label());
                Jdbc.date(ps, 3, e.start());
                Jdbc.date(ps, 4, e.end());
                ps.setObject(5, e.id());
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO care_episode (id, patient_id, label, start_date, end_date) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setObject(1, e.id());
                    ps.setObject(2, e.patientId());
                    Jdbc.string(ps, 3, e.label());
                    Jdbc.date(ps, 4, e.start());
                    Jdbc.date(ps, 5, e.end());
                    ps.executeUpdate();
                }
            }
            return e;
        });
    }

    @Override
    public List<CareEpisode> episodes(UUID patientId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, patient_id, label, start_date, end_date FROM care_episode WHERE patient_id = ? ORDER BY start_date DESC, id")) {
                ps.setObject(1, patientId);
                List<CareEpisode> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CareEpisode(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "patient_id"), rs.getString("label"),
                                Jdbc.date(rs, "start_date"), Jdbc.date(rs, "end_date")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Consent save(Consent consent) {
        Consent stored = new Consent(consent.episodeId(), consent.patientInformed(), consent.feedingOpposed(), consent.consultationAllowed(),
                consent.recordedBy(), Jdbc.micros(consent.recordedAt()));
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO care_consent (episode_id, patient_informed, feeding_opposed, "
                    + "consultation_allowed, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, stored.episodeId());
                ps.setBoolean(2, stored.patientInformed());
                ps.setBoolean(3, stored.feedingOpposed());
                ps.setBoolean(4, stored.consultationAllowed());
                Jdbc.string(ps, 5, stored.recordedBy());
                Jdbc.instant(ps, 6, stored.recordedAt());
                ps.executeUpdate();
            }
            return stored;
        });
    }

    @Override
    public Optional<Consent> consent(UUID episodeId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT episode_id, patient_informed, feeding_opposed, consultation_allowed, "
                    + "recorded_by, recorded_at FROM care_consent WHERE episode_id = ? ORDER BY recorded_at DESC, seq DESC FETCH FIRST 1 ROWS ONLY")) {
                ps.setObject(1, episodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Consent(Jdbc.uuid(rs, "episode_id"), rs.getBoolean("patient_informed"), rs.getBoolean("feeding_opposed"),
                            rs.getBoolean("consultation_allowed"), rs.getString("recorded_by"), Jdbc.instant(rs, "recorded_at")));
                }
            }
        });
    }
}
