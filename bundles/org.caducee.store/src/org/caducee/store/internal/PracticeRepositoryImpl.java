package org.caducee.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.caducee.core.practice.PracticeRepository;
import org.caducee.core.practice.Practitioner;
import org.caducee.core.practice.Structure;
import org.caducee.store.Database;
import org.caducee.store.SchemaReady;
import org.caducee.store.SqlWork;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Practitioners (by RPPS) and structures (by id, else their national identifier). */
@Component(service = PracticeRepository.class)
public final class PracticeRepositoryImpl implements PracticeRepository {

    private static final String PRACTITIONER = "SELECT rpps, last_name, first_name, profession_code, specialty_code, mssante_address FROM practitioner";
    private static final String STRUCTURE = "SELECT id, name, finess, siret, activity_sector_code FROM care_structure";

    private final Database database;

    @Activate
    public PracticeRepositoryImpl(@Reference(name = "database") Database database, @Reference(name = "schema", target = "(module=core)") SchemaReady schema) {
        this.database = database;
    }

    @Override
    public Practitioner save(Practitioner p) {
        return database.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE practitioner SET last_name = ?, first_name = ?, profession_code = ?, "
                    + "specialty_code = ?, mssante_address = ? WHERE rpps = ?")) {
                bind(ps, p);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO practitioner (last_name, first_name, profession_code, "
                        + "specialty_code, mssante_address, rpps) VALUES (?, ?, ?, ?, ?, ?)")) {
                    bind(ps, p);
                    ps.executeUpdate();
                }
            }
            return p;
        });
    }

    private static void bind(PreparedStatement ps, Practitioner p) throws java.sql.SQLException {
        ps.setString(1, Jdbc.cut(p.lastName(), 100));
        Jdbc.string(ps, 2, Jdbc.cut(p.firstName(), 100));
        Jdbc.string(ps, 3, Jdbc.cut(p.professionCode(), 20));
        Jdbc.string(ps, 4, Jdbc.cut(p.specialtyCode(), 20));
        Jdbc.string(ps, 5, Jdbc.cut(p.mssanteAddress(), 200));
        ps.setString(6, p.rpps());
    }

    @Override
    public Optional<Practitioner> findPractitioner(String rpps) {
        return practitioners(PRACTITIONER + " WHERE rpps = ?", rpps).stream().findFirst();
    }

    @Override
    public List<Practitioner> practitioners() {
        return practitioners(PRACTITIONER + " ORDER BY last_name, first_name, rpps", null);
    }

    private List<Practitioner> practitioners(String sql, String arg) {
        return list(sql, arg, rs -> new Practitioner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6)));
    }

    @Override
    public Structure save(Structure s) {
        Structure stored = s.id() == null || s.id().isBlank()
                ? new Structure(s.idNat(), s.name(), s.finess(), s.siret(), s.activitySectorCode()) : s;
        return database.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE care_structure SET name = ?, finess = ?, siret = ?, activity_sector_code = ? WHERE id = ?")) {
                bind(ps, stored);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO care_structure (name, finess, siret, activity_sector_code, id) VALUES (?, ?, ?, ?, ?)")) {
                    bind(ps, stored);
                    ps.executeUpdate();
                }
            }
            return stored;
        });
    }

    private static void bind(PreparedStatement ps, Structure s) throws java.sql.SQLException {
        ps.setString(1, Jdbc.cut(s.name(), 200));
        Jdbc.string(ps, 2, s.finess());
        Jdbc.string(ps, 3, s.siret());
        Jdbc.string(ps, 4, Jdbc.cut(s.activitySectorCode(), 20));
        ps.setString(5, Jdbc.cut(s.id(), 64));
    }

    @Override
    public Optional<Structure> findStructure(String id) {
        return structures(STRUCTURE + " WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<Structure> structures() {
        return structures(STRUCTURE + " ORDER BY name, id", null);
    }

    private List<Structure> structures(String sql, String arg) {
        return list(sql, arg, rs -> new Structure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    private <T> List<T> list(String sql, String arg, Row<T> row) {
        SqlWork<List<T>> work = c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
                return out;
            }
        };
        return database.withConnection(work);
    }
}
