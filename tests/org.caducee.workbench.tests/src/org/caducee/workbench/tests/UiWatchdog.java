package org.caducee.workbench.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;

/**
 * Measures how long the SWT thread takes to run a tiny runnable posted every 10 ms. While armed, any delay above
 * the limit is recorded as a freeze: the UI thread was blocked (I/O, heavy work) instead of dispatching events.
 */
public final class UiWatchdog implements AutoCloseable {

    private final Display display;
    private final long limitMillis;
    private final Thread thread;
    private final AtomicLong worst = new AtomicLong();
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
            try {
                display.asyncExec(() -> {
                    synchronized (done) {
                        ran[0] = true;
                        done.notifyAll();
                    }
                });
                synchronized (done) {
                    while (!ran[0] && running) {
                        done.wait(50);
                        long waited = (System.nanoTime() - posted) / 1_000_000;
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
                worst.accumulateAndGet(latency, Math::max);
                if (latency > limitMillis) {
                    synchronized (freezes) {
                        freezes.add(latency + " ms");
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

    /** Worst latency seen while armed, in milliseconds. */
    public long worstMillis() {
        return worst.get();
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
