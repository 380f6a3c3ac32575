package org.caducee.outbox.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.caducee.outbox.OutboxHandler;

/**
 * The worker of one channel: a single daemon thread ({@code caducee-outbox-<channel>}) that drains the due items
 * of the channel, one at a time, then sleeps until the next due item, the poll interval or a {@link #wake()}.
 * At most one run is scheduled at a time; a wake during a run schedules another run right after it.
 */
final class ChannelWorker {

    private static final System.Logger LOG = System.getLogger(ChannelWorker.class.getName());

    private final String channel;
    private final ScheduledThreadPoolExecutor executor;
    /** Drains the channel with the given handler; returns the delay until the next run. */
    private final Function<ChannelWorker, Duration> drain;
    private final Duration pollInterval;
    private volatile OutboxHandler handler;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;
    private long nextAt;

    ChannelWorker(String channel, OutboxHandler handler, Duration pollInterval, Function<ChannelWorker, Duration> drain) {
        this.channel = channel;
        this.handler = handler;
        this.pollInterval = pollInterval;
        this.drain = drain;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "caducee-outbox-" + channel);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    String channel() {
        return channel;
    }

    OutboxHandler handler() {
        return handler;
    }

    void handler(OutboxHandler handler) {
        this.handler = handler;
    }

    boolean stopped() {
        return stopped;
    }

    /** Runs as soon as possible. */
    void wake() {
        schedule(Duration.ZERO);
    }

    synchronized void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        long millis = Math.max(0, delay.toMillis());
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (next != null && !next.isDone() && nextAt - at <= 0) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        nextAt = at;
        next = executor.schedule(this::run, millis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        synchronized (this) {
            next = null;
        }
        if (stopped) {
            return;
        }
        Duration delay = pollInterval;
        try {
            delay = drain.apply(this);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "outbox " + channel + ": " + t, t);
        }
        schedule(delay);
    }

    /** Stops taking items; waits a little for the delivery in progress. */
    void stop(Duration grace) {
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
