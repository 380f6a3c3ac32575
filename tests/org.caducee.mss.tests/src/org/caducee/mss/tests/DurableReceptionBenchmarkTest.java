package org.caducee.mss.tests;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.caducee.core.audit.AuditTrail;
import org.caducee.mss.MssReception.PollReport;
import org.caducee.mss.internal.MssConnections;
import org.caducee.mss.internal.MssSenderImpl;
import org.caducee.mss.internal.ReceivedMessages;
import org.caducee.mss.internal.ReceptionPipeline;
import org.caducee.sandbox.mss.CorrespondentMessage;
import org.caducee.sandbox.mss.SandboxMssOperator;
import org.caducee.store.Database;
import org.caducee.store.Dialect;
import org.caducee.store.SqlWork;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import jakarta.mail.internet.InternetAddress;

/**
 * Benchmark (runs only with {@code -Dcaducee.bench=true}, see {@code tests/bench/mss-durable.sh}): the cost of making the
 * stored messages durable before the IMAP flag ({@link Database#makeDurable()}, an H2 checkpoint per message) on the
 * reception path. The same pipeline on the same database and mailbox, with and without that call, alternately on
 * batches of fresh messages, an importer accepting at once (the pipeline's own work only). Prints {@code [bench]} lines.
 */
class DurableReceptionBenchmarkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void receptionWithAndWithoutMakingDurableBeforeTheFlag() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("caducee.bench"), "benchmark: -Dcaducee.bench=true");
        int count = 300;
        BundleContext context = FrameworkUtil.getBundle(ReceptionPipeline.class).getBundleContext();
        SandboxMssOperator operator = Osgi.await(context, SandboxMssOperator.class, TIMEOUT);
        Database db = Osgi.await(context, Database.class, TIMEOUT);
        MssConnections connections = Osgi.await(context, MssConnections.class, TIMEOUT);
        MssSenderImpl sender = Osgi.await(context, MssSenderImpl.class, TIMEOUT);
        AuditTrail audit = Osgi.await(context, AuditTrail.class, TIMEOUT);
        Osgi.await(context, org.caducee.mss.MssReception.class, TIMEOUT).poll(); // drain what other tests left
        ReceptionPipeline durable = pipeline(db, connections, sender, audit);
        ReceptionPipeline plain = pipeline(new NotDurable(db), connections, sender, audit);

        byte[] zip = SandboxOperatorTest.zip("IHE_XDM/SUBSET01/DOC0001.XML", "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
        run(plain, operator, zip, Math.max(10, count / 10)); // warm-up
        run(durable, operator, zip, Math.max(10, count / 10));
        long withCall = 0;
        long without = 0;
        for (int round = 0; round < 2; round++) {
            without += run(plain, operator, zip, count);
            withCall += run(durable, operator, zip, count);
        }
        System.out.printf("[bench] reception of %d messages (x2, alternated), importer accepting at once, H2 file database%n", count);
        System.out.printf("[bench] without makeDurable: %8.1f ms  %6.2f ms/message%n", without / 1e6, without / 1e6 / (2.0 * count));
        System.out.printf("[bench] with makeDurable before each flag: %8.1f ms  %6.2f ms/message  ratio %.2f (with / without)%n", withCall / 1e6,
                withCall / 1e6 / (2.0 * count), (double) withCall / without);
    }

    private static ReceptionPipeline pipeline(Database db, MssConnections connections, MssSenderImpl sender, AuditTrail audit) {
        ReceptionPipeline p = new ReceptionPipeline(new ReceivedMessages(db, Clock.systemUTC()), connections, sender, audit, Clock.systemUTC());
        p.setImporter(new InstantImporter());
        return p;
    }

    /** Places {@code n} fresh messages, then times one poll of {@code pipeline}; fails when one is not integrated. */
    private static long run(ReceptionPipeline pipeline, SandboxMssOperator operator, byte[] zip, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            operator.deliver(SandboxMssOperator.DOCTOR, CorrespondentMessage.withXdm(new InternetAddress(SandboxMssOperator.ROBOT), SandboxMssOperator.DOCTOR,
                    "BANC" + i, zip, "banc d’essai", "BANC-DURABLE"));
        }
        long t0 = System.nanoTime();
        PollReport report = pipeline.poll();
        long elapsed = System.nanoTime() - t0;
        if (report.integrated() != n || report.errors() != 0) {
            throw new AssertionError("messages non intégrés : " + report);
        }
        return elapsed;
    }

    /** The database without {@link Database#makeDurable()}: the baseline. */
    private record NotDurable(Database db) implements Database {

        @Override
        public Connection connection() throws SQLException {
            return db.connection();
        }

        @Override
        public Dialect dialect() {
            return db.dialect();
        }

        @Override
        public String url() {
            return db.url();
        }

        @Override
        public <T> T inTransaction(SqlWork<T> work) {
            return db.inTransaction(work);
        }

        @Override
        public <T> T withConnection(SqlWork<T> work) {
            return db.withConnection(work);
        }

        @Override
        public void makeDurable() {
            // the baseline: commits reach the file within H2's write delay
        }
    }
}
