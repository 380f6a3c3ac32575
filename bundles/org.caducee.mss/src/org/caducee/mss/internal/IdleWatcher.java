package org.caducee.mss.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.caducee.mss.MssException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import jakarta.mail.Folder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;

/**
 * Keeps one IMAP session on the INBOX in IDLE (RFC 2177) when the server offers it, and calls {@code onNewMail} when
 * a message arrives, and once after every (re)connection to catch up. A dropped session (server restart, network
 * failure, refused token) is reopened with an exponential back-off; each new session asks the token supplier again,
 * which refreshes an expired or refused token. A NOOP is sent every {@code keepAlive} so that neither the socket read
 * timeout nor the server's IDLE limit ends the session. Without IDLE the watcher stops and periodic polling alone
 * applies. {@link #close()} ends the session cleanly (DONE, LOGOUT).
 */
public final class IdleWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(IdleWatcher.class.getName());

    /** Where the watcher gets a connector on the current account (the settings may change between sessions). */
    @FunctionalInterface
    public interface ConnectorSource {
        MailConnector connector() throws MssException;
    }

    private final ConnectorSource source;
    private final Runnable onNewMail;
    private final Duration maxBackoff;
    private final Duration keepAlive;
    private final Thread thread;
    private final ScheduledExecutorService pinger;
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean stopped;
    private volatile boolean idleOffered = true;
    private volatile IMAPStore current;

    public IdleWatcher(ConnectorSource source, Runnable onNewMail, Duration maxBackoff, Duration keepAlive) {
        this.source = source;
        this.onNewMail = onNewMail;
        this.maxBackoff = maxBackoff;
        this.keepAlive = keepAlive;
        this.thread = new Thread(this::run, "caducee-mss-idle");
        this.thread.setDaemon(true);
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "caducee-mss-idle-noop");
            t.setDaemon(true);
            return t;
        });
    }

    public IdleWatcher start() {
        thread.start();
        return this;
    }

    /** Number of IDLE sessions opened so far (1 + the reconnections). */
    public int sessions() {
        return sessions.get();
    }

    /** False once a server was found without IDLE: the watcher has stopped, polling alone applies. */
    public boolean idleOffered() {
        return idleOffered;
    }

    /** True while an IDLE session is open. */
    public boolean connected() {
        IMAPStore s = current;
        return s != null && s.isConnected();
    }

    private void run() {
        long backoff = 1000;
        while (!stopped) {
            try {
                MailConnector connector = source.connector();
                IMAPStore store = connector.openStore();
                current = store;
                try {
                    if (!store.hasCapability("IDLE")) {
                        idleOffered = false;
                        LOG.log(System.Logger.Level.INFO, Messages.get("idle.unsupported", connector.account().imapHost()));
                        return;
                    }
                    watch(store);
                    backoff = 1000;
                } finally {
                    current = null;
                    closeQuietly(store);
                }
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                // no mailbox configured (yet): not worth a warning
                boolean unconfigured = e instanceof MssException m && m.kind() == MssException.Kind.CONFIGURATION;
                LOG.log(unconfigured ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                        Messages.get("idle.lost", String.valueOf(e.getMessage()), backoff / 1000));
            }
            if (stopped) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, maxBackoff.toMillis());
        }
    }

    private void watch(IMAPStore store) throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        MailConnector.withMailLoader(() -> {
            inbox.open(Folder.READ_ONLY);
            return null;
        });
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                onNewMail.run();
            }
        });
        sessions.incrementAndGet();
        onNewMail.run();
        ScheduledFuture<?> noop = pinger.scheduleWithFixedDelay(() -> {
            try {
                inbox.getMessageCount(); // ends the IDLE, NOOP, the loop below enters IDLE again
            } catch (Exception e) {
                // the IDLE loop sees the same failure
            }
        }, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
        try {
            while (!stopped && inbox.isOpen()) {
                MailConnector.withMailLoader(() -> {
                    inbox.idle(true);
                    return null;
                });
            }
        } finally {
            noop.cancel(false);
        }
    }

    private static void closeQuietly(IMAPStore store) {
        try {
            MailConnector.withMailLoader(() -> {
                store.close();
                return null;
            });
        } catch (Exception e) {
            // already gone
        }
    }

    /** Ends the session (DONE, LOGOUT) and the watcher. */
    @Override
    public void close() {
        stopped = true;
        IMAPStore s = current;
        if (s != null) {
            closeQuietly(s);
        }
        thread.interrupt();
        pinger.shutdownNow();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
