package org.caducee.workbench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Listener;

/**
 * Start-up measurement hook: when the JVM property {@code caducee.startup.probe} names a file, the wall-clock
 * time (epoch milliseconds) of the first paint of the given control is written to it. Used by
 * {@code tests/bench/startup.sh}; does nothing otherwise.
 */
public final class StartupProbe {

    public static final String PROPERTY = "caducee.startup.probe";

    private StartupProbe() {
    }

    public static void onFirstPaint(Control control) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Listener once = new Listener() {
            @Override
            public void handleEvent(org.eclipse.swt.widgets.Event event) {
                control.removeListener(SWT.Paint, this);
                try {
                    Files.writeString(Path.of(file), Long.toString(System.currentTimeMillis()));
                } catch (IOException e) {
                    System.err.println("startup probe: " + e.getMessage());
                }
            }
        };
        control.addListener(SWT.Paint, once);
    }
}
