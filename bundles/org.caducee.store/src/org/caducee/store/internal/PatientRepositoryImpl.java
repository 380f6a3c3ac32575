package org.caducee.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Address;
import org.caducee.core.patient.Contact;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.caducee.core.text.Names;
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
 * Patients in table {@code patient}. Search goes through {@code patient_name_key}: one row per normalised name,
 * first name and name part of each patient, searched with index ranges {@code name_key >= 'DUP' AND name_key < 'DUQ'},
 * optionally narrowed by the birth date copied into the key row.
 */
@Component(service = PatientRepository.class)
public final class PatientRepositoryImpl implements PatientRepository {

    private static final String COLUMNS = "p.id, p.version, p.birth_name, p.birth_first_names, p.sex, p.birth_date, p.birthplace_code, "
            + "p.used_name, p.used_first_name, p.ins_number, p.ins_key, p.ins_oid, p.identity_status, p.identity_attributes, "
            + "p.check_type, p.check_by, p.check_at, p.address_line, p.postal_code, p.city, p.country, p.phone, p.mobile, p.email, "
            + "p.treating_doctor_rpps";
    private static final String FIRST_NAME_SEPARATOR = "|";
    private static final int KEY_MAX = 100;

    private final Database database;
    private final Events events = new Events();

    @Activate
    public PatientRepositoryImpl(@Reference(name = "database") Database database, @Reference(name = "schema", target = "(module=core)") SchemaReady schema) {
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
    public Patient save(Patient patient) {
        Patient toStore = normalised(patient);
        IdentityStatus[] previous = {null};
        Patient stored = database.inTransaction(c -> {
            Instant now = Jdbc.micros(Instant.now());
            if (toStore.version() == 0) {
                try {
                    insert(c, toStore, now);
                } catch (SQLException e) {
                    if (SqlErrors.isConstraintViolation(e)) {
                        throw new StoreException(Messages.get("patient.concurrent", toStore.displayName()), e);
                    }
                    throw e;
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT identity_status FROM patient WHERE id = ?")) {
                    ps.setObject(1, toStore.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new StoreException(Messages.get("patient.gone", toStore.displayName()));
                        }
                        previous[0] = IdentityStatus.fromCode(rs.getString(1));
                    }
                }
                if (update(c, toStore, now) == 0) {
                    throw new StoreException(Messages.get("patient.concurrent", toStore.displayName()));
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM patient_name_key WHERE patient_id = ?")) {
                    ps.setObject(1, toStore.id());
                    ps.executeUpdate();
                }
            }
            insertKeys(c, List.of(toStore));
            return new Patient(toStore.id(), toStore.identity(), toStore.address(), toStore.contact(), toStore.treatingDoctorRpps(),
                    toStore.version() + 1);
        });
        Map<String, String> props = Map.of(CaduceeTopics.PROP_PATIENT_ID, stored.id().toString());
        events.post(patient.version() == 0 ? CaduceeTopics.PATIENT_CREATED : CaduceeTopics.PATIENT_UPDATED, props);
        if (previous[0] != null && previous[0] != stored.identity().status()) {
            events.post(CaduceeTopics.IDENTITY_STATUS_CHANGED, props);
        }
        return stored;
    }

    /**
     * Inserts many new patients (version 0) in one transaction with JDBC batches, without events: imports and
     * benchmarks.
     */
    public void insertAll(Collection<Patient> patients) {
        database.inTransaction(c -> {
            Instant now = Jdbc.micros(Instant.now());
            List<Patient> list = patients.stream().map(PatientRepositoryImpl::normalised).toList();
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int n = 0;
                for (Patient p : list) {
                    bindInsert(ps, p, now);
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            insertKeys(c, list);
            return null;
        });
    }

    @Override
    public Optional<Patient> find(UUID id) {
        List<Patient> found = query("SELECT " + COLUMNS + " FROM patient p WHERE p.id = ?", List.of(id));
        return found.stream().findFirst();
    }

    @Override
    public List<Patient> findByIns(String insNumber) {
        if (insNumber == null || insNumber.isBlank()) {
            return List.of();
        }
        String number = insNumber.trim().toUpperCase(java.util.Locale.ROOT);
        return query("SELECT " + COLUMNS + " FROM patient p WHERE p.ins_number = ? ORDER BY p.sort_name, p.sort_first_name, p.birth_date",
                List.of(number.length() > 13 ? number.substring(0, 13) : number));
    }

    @Override
    public long count() {
        return database.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM patient")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<Patient> search(PatientQuery q) {
        if (q.isEmpty()) {
            return List.of();
        }
        List<String> prefixes = q.namePrefixes().stream().map(s -> Jdbc.cut(s, KEY_MAX)).distinct().collect(Collectors.toList());
        List<Object> args = new ArrayList<>();
        String sql;
        if (prefixes.isEmpty() || q.insNumber() != null) {
            // INS or birth date alone: indexes of the patient table
            List<String> conditions = new ArrayList<>();
            for (String prefix : prefixes) {
                conditions.add("EXISTS (SELECT 1 FROM patient_name_key k2 WHERE k2.patient_id = p.id AND k2.name_key >= ? AND k2.name_key < ?)");
                args.add(prefix);
                args.add(upperBound(prefix));
            }
            if (q.birthDate() != null) {
                conditions.add("p.birth_date = ?");
                args.add(q.birthDate());
            }
            if (q.insNumber() != null) {
                conditions.add("p.ins_number = ?");
                args.add(q.insNumber());
            }
            sql = "SELECT " + COLUMNS + " FROM patient p WHERE " + String.join(" AND ", conditions)
                    + " ORDER BY p.sort_name, p.sort_first_name, p.birth_date, p.id FETCH FIRST " + q.limit() + " ROWS ONLY";
        } else {
            // names: the longest prefix drives an index range on the keys; the page is sorted and cut in the key table,
            // then only its patients are read
            prefixes.sort((a, b) -> b.length() - a.length());
            String driver = prefixes.get(0);
            StringBuilder inner = new StringBuilder("SELECT DISTINCT k.patient_id, k.sort_name, k.sort_first_name, k.birth_date "
                    + "FROM patient_name_key k WHERE k.name_key >= ? AND k.name_key < ?");
            args.add(driver);
            args.add(upperBound(driver));
            if (q.birthDate() != null) {
                inner.append(" AND k.birth_date = ?");
                args.add(q.birthDate());
            }
            for (String other : prefixes.subList(1, prefixes.size())) {
                inner.append(" AND EXISTS (SELECT 1 FROM patient_name_key k2 WHERE k2.patient_id = k.patient_id AND k2.name_key >= ? AND k2.name_key < ?)");
                args.add(other);
                args.add(upperBound(other));
            }
            inner.append(" ORDER BY k.sort_name, k.sort_first_name, k.birth_date, k.patient_id FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
            sql = "SELECT " + COLUMNS + " FROM (" + inner + ") m JOIN patient p ON p.id = m.patient_id"
                    + " ORDER BY p.sort_name, p.sort_first_name, p.birth_date, p.id";
        }
        return query(sql, args);
    }

    /** The smallest string greater than every string that starts with {@code prefix} (binary order). */
    static String upperBound(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /**
     * Search keys of an identity: each name and first name (birth and used) as a whole, and each of its parts
     * ({@code MARTIN-DUPONT} gives {@code MARTINDUPONT}, {@code MARTIN}, {@code DUPONT}).
     */
    static Set<String> nameKeys(Identity identity) {
        Set<String> keys = new TreeSet<>();
        addKeys(keys, identity.traits().birthName());
        addKeys(keys, identity.usedName());
        identity.traits().birthFirstNames().forEach(n -> addKeys(keys, n));
        addKeys(keys, identity.usedFirstName());
        return keys;
    }

    private static void addKeys(Set<String> keys, String name) {
        if (name == null) {
            return;
        }
        String whole = Names.searchKey(name);
        if (!whole.isEmpty()) {
            keys.add(Jdbc.cut(whole, KEY_MAX));
        }
        for (String part : name.split("[\\s\\-']+")) {
            String key = Names.searchKey(part);
            if (key.length() >= 2) {
                keys.add(Jdbc.cut(key, KEY_MAX));
            }
        }
    }

    private List<Patient> query(String sql, List<?> args) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<Patient> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static final String INSERT = "INSERT INTO patient (id, version, birth_name, birth_first_names, sex, birth_date, birthplace_code, "
            + "used_name, used_first_name, ins_number, ins_key, ins_oid, identity_status, identity_attributes, check_type, check_by, "
            + "check_at, address_line, postal_code, city, country, phone, mobile, email, treating_doctor_rpps, sort_name, "
            + "sort_first_name, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE = "UPDATE patient SET id = ?, version = ?, birth_name = ?, birth_first_names = ?, sex = ?, "
            + "birth_date = ?, birthplace_code = ?, used_name = ?, used_first_name = ?, ins_number = ?, ins_key = ?, ins_oid = ?, "
            + "identity_status = ?, identity_attributes = ?, check_type = ?, check_by = ?, check_at = ?, address_line = ?, "
            + "postal_code = ?, city = ?, country = ?, phone = ?, mobile = ?, email = ?, treating_doctor_rpps = ?, sort_name = ?, "
            + "sort_first_name = ?, updated_at = ? WHERE id = ? AND version = ?";

    private static void insert(Connection c, Patient p, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bindInsert(ps, p, now);
            ps.executeUpdate();
        }
    }

    private static void bindInsert(PreparedStatement ps, Patient p, Instant now) throws SQLException {
        int i = bindColumns(ps, p, 1, now);
        Jdbc.instant(ps, i, now);
    }

    private static int update(Connection c, Patient p, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int i = bindColumns(ps, p, p.version() + 1, now);
            ps.setObject(i++, p.id());
            ps.setLong(i, p.version());
            return ps.executeUpdate();
        }
    }

    /** Binds the 28 columns shared by insert and update (through {@code updated_at}); returns the next index. */
    private static int bindColumns(PreparedStatement ps, Patient p, long version, Instant now) throws SQLException {
        Identity id = p.identity();
        BirthTraits t = id.traits();
        int i = 1;
        ps.setObject(i++, p.id());
        ps.setLong(i++, version);
        ps.setString(i++, t.birthName());
        ps.setString(i++, String.join(FIRST_NAME_SEPARATOR, t.birthFirstNames()));
        ps.setString(i++, t.sex().code());
        Jdbc.date(ps, i++, t.birthDate());
        Jdbc.string(ps, i++, t.birthplaceCode());
        Jdbc.string(ps, i++, id.usedName());
        Jdbc.string(ps, i++, id.usedFirstName());
        Ins ins = id.ins();
        Jdbc.string(ps, i++, ins == null ? null : ins.number());
        Jdbc.string(ps, i++, ins == null ? null : ins.key());
        Jdbc.string(ps, i++, ins == null ? null : ins.oid());
        ps.setString(i++, id.status().code());
        ps.setString(i++, id.attributes().stream().map(IdentityAttribute::code).sorted().collect(Collectors.joining(",")));
        IdentityDocumentCheck check = id.documentCheck();
        Jdbc.string(ps, i++, check == null ? null : check.type().name());
        Jdbc.string(ps, i++, check == null ? null : check.checkedBy());
        Jdbc.instant(ps, i++, check == null ? null : check.checkedAt());
        Address a = p.address();
        Jdbc.string(ps, i++, a.line());
        Jdbc.string(ps, i++, a.postalCode());
        Jdbc.string(ps, i++, a.city());
        Jdbc.string(ps, i++, a.country());
        Contact ct = p.contact();
        Jdbc.string(ps, i++, ct.phone());
        Jdbc.string(ps, i++, ct.mobile());
        Jdbc.string(ps, i++, ct.email());
        Jdbc.string(ps, i++, p.treatingDoctorRpps());
        ps.setString(i++, Jdbc.cut(id.displayName(), 100));
        ps.setString(i++, Jdbc.cut(id.displayFirstName(), 100));
        Jdbc.instant(ps, i++, now);
        return i;
    }

    private static void insertKeys(Connection c, List<Patient> patients) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patient_name_key (name_key, patient_id, birth_date, sort_name, sort_first_name) VALUES (?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Patient p : patients) {
                for (String key : nameKeys(p.identity())) {
                    ps.setString(1, key);
                    ps.setObject(2, p.id());
                    Jdbc.date(ps, 3, p.identity().traits().birthDate());
                    ps.setString(4, Jdbc.cut(p.identity().displayName(), 100));
                    ps.setString(5, Jdbc.cut(p.identity().displayFirstName(), 100));
                    ps.addBatch();
                    if (++n % 2000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }

    /** Instants cut to microseconds, as both databases store them, so that what save returns equals what find reads. */
    private static Patient normalised(Patient p) {
        Identity id = p.identity();
        IdentityDocumentCheck check = id.documentCheck();
        if (check == null || check.checkedAt().getNano() % 1000 == 0) {
            return p;
        }
        IdentityDocumentCheck cut = new IdentityDocumentCheck(check.type(), check.checkedBy(), Jdbc.micros(check.checkedAt()));
        Identity same = new Identity(id.traits(), id.usedName(), id.usedFirstName(), id.ins(), id.status(), id.attributes(), cut);
        return new Patient(p.id(), same, p.address(), p.contact(), p.treatingDoctorRpps(), p.version());
    }

    private static Patient read(ResultSet rs) throws SQLException {
        UUID id = Jdbc.uuid(rs, "id");
        try {
            String firstNames = rs.getString("birth_first_names");
            List<String> first = firstNames == null || firstNames.isEmpty() ? List.of()
                    : Arrays.asList(firstNames.split("\\" + FIRST_NAME_SEPARATOR));
            BirthTraits traits = new BirthTraits(rs.getString("birth_name"), first, Sex.fromCode(rs.getString("sex")),
                    Jdbc.date(rs, "birth_date"), rs.getString("birthplace_code"));
            String insNumber = rs.getString("ins_number");
            Ins ins = insNumber == null ? null : new Ins(insNumber, rs.getString("ins_key"), InsType.fromOid(rs.getString("ins_oid")));
            String attrs = rs.getString("identity_attributes");
            Set<IdentityAttribute> attributes = EnumSet.noneOf(IdentityAttribute.class);
            if (attrs != null && !attrs.isBlank()) {
                for (String code : attrs.split(",")) {
                    attributes.add(IdentityAttribute.fromCode(code.trim()));
                }
            }
            String checkType = rs.getString("check_type");
            IdentityDocumentCheck check = checkType == null ? null
                    : new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.valueOf(checkType), rs.getString("check_by"),
                            Jdbc.instant(rs, "check_at"));
            Identity identity = new Identity(traits, rs.getString("used_name"), rs.getString("used_first_name"), ins,
                    IdentityStatus.fromCode(rs.getString("identity_status")), attributes, check);
            Address address = new Address(rs.getString("address_line"), rs.getString("postal_code"), rs.getString("city"), rs.getString("country"));
            Contact contact = new Contact(rs.getString("phone"), rs.getString("mobile"), rs.getString("email"));
            return new Patient(id, identity, address, contact, rs.getString("treating_doctor_rpps"), rs.getLong("version"));
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new StoreException(Messages.get("patient.corrupt", id, e.getMessage()), e);
        }
    }
}
