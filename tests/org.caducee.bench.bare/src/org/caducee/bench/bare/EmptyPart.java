package org.caducee.bench.bare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

/**
 * The baseline of the start-up benchmark: an empty table in an otherwise empty e4 window, writing the time of its
 * first paint to the file named by {@code caducee.startup.probe}, exactly as the patient search part does.
 */
public class EmptyPart {

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        Table table = new Table(parent, SWT.BORDER);
        String file = System.getProperty("caducee.startup.probe");
        if (file != null) {
            table.addListener(SWT.Paint, e -> {
                try {
                    Files.writeString(Path.of(file), Long.toString(System.currentTimeMillis()));
                } catch (IOException ex) {
                    System.err.println("startup probe: " + ex.getMessage());
                }
            });
        }
    }
}
