package org.caducee.mss.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.caducee.mss.MssException;
import org.caducee.mss.MssReception;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Background reception: polls the mailbox every {@code mss.poll.interval.seconds} (default 120; 0 disables background
 * reception) and, unless {@code mss.idle=false}, keeps an IMAP IDLE session ({@link IdleWatcher}) that triggers a poll
 * as soon as a message arrives (reconnected automatically after a drop). Each poll opens a fresh IMAP session, so a
 * dropped connection or an expired token is simply retried (the token supplier refreshes it). Polls triggered while
 * one is waiting are merged. Failures are logged with their French message; nothing is lost since the mailbox keeps
 * the messages.
 */
@Component(immediate = true)
public class MssPoller {

    private static final System.Logger LOG = System.getLogger(MssPoller.class.getName());

    private final ScheduledExecutorService scheduler;
    private final MssReception reception;
    private final MssConnections connections;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final IdleWatcher idle;

    @Activate
    public MssPoller(@Reference MssReception reception, @Reference MssConnections connections) {
        this.reception = reception;
        this.connections = connections;
        long seconds = connections.setting("mss.poll.interval.seconds").map(Long::parseLong).orElse(120L);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "caducee-mss-releve");
            t.setDaemon(true);
            return t;
        });
        if (seconds > 0) {
            scheduler.scheduleWithFixedDelay(this::pollNow, seconds, seconds, TimeUnit.SECONDS);
        }
        boolean withIdle = seconds > 0 && !"false".equalsIgnoreCase(connections.setting("mss.idle").orElse("true"));
        idle = withIdle ? new IdleWatcher(connections::connector, this::requestPoll, Duration.ofMinutes(2),
                Duration.ofMillis(Math.max(1000, Math.min(connections.timeoutMillis() / 2, 25 * 60_000)))).start() : null;
    }

    /** Schedules a poll now, unless one is already waiting. */
    void requestPoll() {
        if (pending.compareAndSet(false, true)) {
            scheduler.execute(this::pollNow);
        }
    }

    private void pollNow() {
        pending.set(false);
        try {
            connections.configuredAccount();
        } catch (MssException e) {
            return; // no mailbox configured: nothing to poll
        }
        try {
            reception.poll();
        } catch (MssException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage(), e);
        }
    }

    @Deactivate
    void stop() {
        if (idle != null) {
            idle.close();
        }
        scheduler.shutdownNow();
    }
}
