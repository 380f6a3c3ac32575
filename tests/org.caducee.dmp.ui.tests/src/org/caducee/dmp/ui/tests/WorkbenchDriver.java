package org.caducee.dmp.ui.tests;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Drives a running workbench from a test thread: every widget access is marshalled onto the SWT thread. */
public final class WorkbenchDriver {

    /** Same key as {@code PatientSearchPart.TEST_ID}. */
    public static final String TEST_ID = "org.caducee.test.id";

    private final Display display;

    public WorkbenchDriver(Display display) {
        this.display = display;
    }

    public <T> T ui(Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    public void run(Runnable action) {
        ui(() -> {
            action.run();
            return null;
        });
    }

    /** Polls the condition on the SWT thread until it holds. */
    public void waitUntil(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(ui(condition))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }

    /** Finds a widget by its test id in any open shell; null when absent. Call on the SWT thread. */
    @SuppressWarnings("unchecked")
    public <T extends Control> T find(String testId) {
        for (Shell shell : display.getShells()) {
            Deque<Control> todo = new ArrayDeque<>();
            todo.add(shell);
            while (!todo.isEmpty()) {
                Control c = todo.pop();
                if (!c.isDisposed() && testId.equals(c.getData(TEST_ID))) {
                    return (T) c;
                }
                if (c instanceof Composite composite) {
                    for (Control child : composite.getChildren()) {
                        todo.add(child);
                    }
                }
            }
        }
        return null;
    }

    /** Saves a PNG of the whole screen (the Xvfb root window). Call on the SWT thread. */
    public void screenshot(java.nio.file.Path file) {
        Rectangle bounds = display.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {data};
            file.getParent().toFile().mkdirs();
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }
}
