package org.caducee.security.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caducee.core.audit.AuditEvent;
import org.caducee.core.audit.AuditQuery;
import org.caducee.core.audit.AuditVerification;
import org.caducee.security.internal.JdbcAuditTrail;
import org.caducee.security.internal.SecuritySchema;
import org.caducee.testing.H2TestDatabase;
import org.caducee.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    @TempDir
    Path dir;

    private TestDatabase db;

    /** The database under test: H2 here, PostgreSQL in the {@code Postgres*} subclasses. */
    protected TestDatabase newDatabase(Path directory) {
        return new H2TestDatabase(directory);
    }
    private MutableClock clock;
    private JdbcAuditTrail audit;

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db = newDatabase(dir).migrate(new SecuritySchema());
        clock = new MutableClock(Instant.parse("2026-11-23T10:00:00.123Z"));
        audit = JdbcAuditTrail.create(db, clock);
    }

    private void recordTen() {
        for (int i = 1; i <= 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            audit.record("jdupont", "DOCUMENT_VIEWED", "patient-" + (i % 3), "document " + i);
        }
    }

    @Test
    void entriesGetConsecutiveSequencesAndTheChainVerifies() {
        assertThat(audit.verify().intact()).isTrue();
        recordTen();

        assertThat(audit.latest(3)).extracting(AuditEvent::sequence).containsExactly(10L, 9L, 8L);
        assertThat(audit.forSubject("patient-1")).extracting(AuditEvent::sequence).containsExactly(1L, 4L, 7L, 10L);
        assertThat(audit.latest(1).get(0).at()).isEqualTo(Instant.parse("2026-11-23T10:00:10.123Z"));
        AuditVerification v = audit.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isEqualTo(10);
    }

    @Test
    void searchKeepsTheSubjectTheCategoryAndThePeriodAskedOldestFirst() {
        recordTen(); // 10:00:01 … 10:00:10, subjects patient-1, patient-2, patient-0 in turn
        clock.advance(Duration.ofSeconds(1));
        audit.record("jdupont", "dmp.TD3_1_LIST", "patient-1", "ouverture"); // 11
        clock.advance(Duration.ofSeconds(1));
        audit.record("jdupont", "dmpx.autre", "patient-1", "not the dmp category"); // 12
        clock.advance(Duration.ofSeconds(1));
        audit.record("jdupont", "dmp.TD3_2_RETRIEVE", "patient-2", "autre patient"); // 13

        assertThat(audit.search(AuditQuery.all().subject("patient-1"))).extracting(AuditEvent::sequence).containsExactly(1L, 4L, 7L, 10L, 11L, 12L);
        assertThat(audit.search(AuditQuery.all().category("dmp"))).extracting(AuditEvent::sequence).containsExactly(11L, 13L);
        assertThat(audit.search(AuditQuery.all().subject("patient-1").category("dmp"))).extracting(AuditEvent::sequence).containsExactly(11L);
        assertThat(audit.search(AuditQuery.all().subject("patient-1").between(Optional.of(Instant.parse("2026-11-23T10:00:04.123Z")),
                Optional.of(Instant.parse("2026-11-23T10:00:10.123Z"))))).extracting(AuditEvent::sequence).containsExactly(4L, 7L);
        assertThat(audit.search(AuditQuery.all().category("dmp_"))).as("LIKE wildcards are literal").isEmpty();
    }

    @Test
    void givenADetailChangedWithPlainSqlThenVerifyNamesThatSequence() {
        recordTen();
        assertThat(db.execute("UPDATE caducee_audit SET detail = 'rien vu' WHERE seq = 6")).isEqualTo(1);

        AuditVerification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSequence()).isEqualTo(6);
        assertThat(v.reason()).contains("Contenu modifié").contains("6");
        assertThat(v.checked()).isEqualTo(5);
    }

    @Test
    void givenAChangedTimestampOrActorThenVerifyNamesThatSequence() {
        recordTen();
        db.execute("UPDATE caducee_audit SET actor = 'autre' WHERE seq = 3");

        assertThat(audit.verify().firstBrokenSequence()).isEqualTo(3);
    }

    @Test
    void givenADeletedRowThenVerifyNamesTheGap() {
        recordTen();
        assertThat(db.execute("DELETE FROM caducee_audit WHERE seq = 4")).isEqualTo(1);

        AuditVerification v = audit.verify();

        assertThat(v.firstBrokenSequence()).isEqualTo(4);
        assertThat(v.reason()).contains("manquante").contains("4").contains("5");
    }

    @Test
    void givenTheLastRowsDeletedThenVerifyNamesTheFirstMissingOne() {
        recordTen();
        db.execute("DELETE FROM caducee_audit WHERE seq >= 9");

        AuditVerification v = audit.verify();

        assertThat(v.firstBrokenSequence()).isEqualTo(9);
        assertThat(v.reason()).contains("finale");
    }

    @Test
    void givenARowDeletedAndTheFollowingOnesRenumberedThenTheBrokenLinkIsFound() {
        recordTen();
        db.execute("DELETE FROM caducee_audit WHERE seq = 4");
        // a careful forger renumbers and rehashes row 5 as 4 with its stored previous hash: the link to row 3 breaks
        db.execute("UPDATE caducee_audit SET seq = 4 WHERE seq = 5");

        AuditVerification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSequence()).isEqualTo(4);
    }

    @Test
    void givenTwoRowsSwappedThenVerifyReportsTheFirstOfThem() {
        recordTen();
        // swap the whole content of rows 5 and 6, hashes included, keeping the sequence numbers
        db.execute("UPDATE caducee_audit SET seq = -5 WHERE seq = 5");
        db.execute("UPDATE caducee_audit SET seq = 5 WHERE seq = 6");
        db.execute("UPDATE caducee_audit SET seq = 6 WHERE seq = -5");

        AuditVerification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSequence()).isEqualTo(5);
    }

    @Test
    void givenRowsReorderedWithRecomputedHashesThenTheChainLinkBreaks() {
        recordTen();
        // a forger who rewrites row 5 and recomputes its own hash still breaks the link from row 6
        String prev = db.withConnection(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT prev_hash, recorded_at FROM caducee_audit WHERE seq = 5")) {
                rs.next();
                return rs.getString(1);
            }
        });
        AuditEvent five = audit.forSubject("patient-2").stream().filter(e -> e.sequence() == 5).findFirst().orElseThrow();
        String forged = JdbcAuditTrail.hash(prev, 5, five.at(), five.actor(), five.action(), five.subject(), "falsifié");
        db.execute("UPDATE caducee_audit SET detail = 'falsifié', hash = '" + forged + "' WHERE seq = 5");

        AuditVerification v = audit.verify();

        assertThat(v.firstBrokenSequence()).isEqualTo(6);
        assertThat(v.reason()).contains("Chaînage rompu");
    }

    @Test
    void twoWorkstationsAppendingAtOnceNeverForkTheChain() throws Exception {
        JdbcAuditTrail first = JdbcAuditTrail.create(db, Clock.systemUTC());
        JdbcAuditTrail second = JdbcAuditTrail.create(db, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JdbcAuditTrail trail = t % 2 == 0 ? first : second;
            int worker = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    trail.record("poste-" + worker, "TEST", "s", "entrée " + i);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        AuditVerification v = audit.verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.checked()).isEqualTo(100);
        assertThat(audit.latest(1)).extracting(AuditEvent::sequence).containsExactly(100L);
    }
}
