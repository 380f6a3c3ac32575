package org.caducee.testing.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;

/**
 * Measures how long the SWT thread takes to run a tiny runnable posted every 10 ms, and samples the SWT thread
 * (state and stack) every 10 ms while a runnable is late. While armed, a delay above the limit is a <b>freeze</b>
 * when a sample shows the SWT thread <em>waiting</em>: on a lock, a sleep, a future, or in native I/O (socket,
 * file) — the UI thread was blocked instead of dispatching events. A delay in which the thread only computed
 * (toolkit drawing and layout, label providers — slower on a loaded 2-core machine) is reported as busy time and
 * fails only above {@link #BUSY_LIMIT_MILLIS}.
 */
public final class UiWatchdog implements AutoCloseable {

    /** A delay in which the UI thread only computed still fails above this. */
    public static final long BUSY_LIMIT_MILLIS = 500;

    private final Display display;
    private final long limitMillis;
    private final Thread thread;
    private final AtomicLong worst = new AtomicLong();
    private final AtomicLong worstToolkit = new AtomicLong();
    private final List<String> freezes = new ArrayList<>();
    private volatile boolean armed;
    private volatile boolean running = true;

    public UiWatchdog(Display display, long limitMillis) {
        this.display = display;
        this.limitMillis = limitMillis;
        this.thread = new Thread(this::loop, "ui-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    public void arm() {
        worst.set(0);
        worstToolkit.set(0);
        armed = true;
    }

    public void disarm() {
        armed = false;
    }

    private void loop() {
        while (running && !display.isDisposed()) {
            long posted = System.nanoTime();
            Object done = new Object();
            boolean[] ran = {false};
            String blockingSample = null;
            try {
                display.asyncExec(() -> {
                    synchronized (done) {
                        ran[0] = true;
                        done.notifyAll();
                    }
                });
                synchronized (done) {
                    while (!ran[0] && running) {
                        done.wait(10);
                        long waited = (System.nanoTime() - posted) / 1_000_000;
                        if (!ran[0] && armed && waited > limitMillis / 4) {
                            Thread ui = display.getThread();
                            Thread.State state = ui.getState();
                            StackTraceElement[] frames = ui.getStackTrace();
                            if (waiting(state, frames)) {
                                blockingSample = state + "\n" + format(frames);
                            }
                        }
                        if (waited > 5_000) {
                            break;
                        }
                    }
                }
            } catch (InterruptedException | org.eclipse.swt.SWTException e) {
                return;
            }
            long latency = (System.nanoTime() - posted) / 1_000_000;
            if (armed) {
                if (blockingSample != null) {
                    worst.accumulateAndGet(latency, Math::max);
                    if (latency > limitMillis) {
                        record(latency + " ms, UI thread blocked at:\n" + blockingSample);
                    }
                } else {
                    worstToolkit.accumulateAndGet(latency, Math::max);
                    if (latency > BUSY_LIMIT_MILLIS) {
                        record(latency + " ms of computing on the UI thread");
                    }
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * True when the SWT thread waits instead of computing: parked, sleeping, blocked on a monitor, or in a native
     * method that waits on the outside world (socket or file I/O, a process), not in one of the toolkit's or of the
     * JVM's own native methods that compute (class definition, reflection, allocation, thread start).
     */
    private static boolean waiting(Thread.State state, StackTraceElement[] frames) {
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
            return true;
        }
        if (frames.length == 0 || !frames[0].isNativeMethod()) {
            return false;
        }
        String c = frames[0].getClassName();
        boolean computing = c.startsWith("org.eclipse.swt.") || (c.startsWith("java.lang.") && !c.startsWith("java.lang.Process"))
                || c.equals("jdk.internal.misc.Unsafe") || c.startsWith("jdk.internal.reflect.") || c.startsWith("jdk.internal.loader.");
        return !computing;
    }

    private void record(String freeze) {
        synchronized (freezes) {
            freezes.add(freeze);
        }
    }

    private static String format(StackTraceElement[] frames) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(frames.length, 90); i++) {
            out.append("    at ").append(frames[i]).append('\n');
        }
        return out.toString();
    }

    /** Worst delay, while armed, in which the UI thread was seen waiting (ms). */
    public long worstMillis() {
        return worst.get();
    }

    /** Worst delay, while armed, spent inside native toolkit event processing (ms). */
    public long worstToolkitMillis() {
        return worstToolkit.get();
    }

    public List<String> freezes() {
        synchronized (freezes) {
            return List.copyOf(freezes);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
