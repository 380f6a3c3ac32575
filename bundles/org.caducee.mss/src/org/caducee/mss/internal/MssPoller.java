package org.caducee.mss.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.caducee.mss.MssException;
import org.caducee.mss.MssReception;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Polls the mailbox every {@code mss.poll.interval.seconds} (default 120; 0 disables). Each poll opens a fresh IMAP
 * session, so a dropped connection or an expired token is simply retried at the next run (the token supplier
 * refreshes it). Failures are logged with their French message; nothing is lost since the mailbox keeps the messages.
 */
@Component(immediate = true)
public class MssPoller {

    private static final System.Logger LOG = System.getLogger(MssPoller.class.getName());

    private final ScheduledExecutorService scheduler;

    @Activate
    public MssPoller(@Reference MssReception reception, @Reference MssConnections connections) {
        long seconds = connections.setting("mss.poll.interval.seconds").map(Long::parseLong).orElse(120L);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "caducee-mss-releve");
            t.setDaemon(true);
            return t;
        });
        if (seconds > 0) {
            scheduler.scheduleWithFixedDelay(() -> {
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
            }, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
