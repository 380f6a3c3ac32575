package org.caducee.mss.ui.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.caducee.security.UserAccount;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;

/** Small helpers shared by the parts and the dialog. */
final class Ui {

    /** Same key as the workbench's test id (widgets found by UI tests). */
    static final String TEST_ID = "org.caducee.test.id";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private Ui() {
    }

    /**
     * Runs {@code work} in a job and hands its result to {@code done} on the UI thread (nothing but widgets there).
     *
     * @param system true for a refresh the user did not ask for (not shown in the progress view)
     */
    static <T> void background(UISynchronize ui, String name, boolean system, Supplier<T> work, Consumer<T> done) {
        Job job = Job.create(name, monitor -> {
            T result = work.get();
            ui.asyncExec(() -> done.accept(result));
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        job.setSystem(system);
        job.schedule();
    }

    /**
     * Calls {@code refresh} every {@code seconds} while the control lives (messages the background poller put in the
     * worklist change no document, so no event tells the parts).
     */
    static void every(org.eclipse.swt.widgets.Control owner, int seconds, Runnable refresh) {
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (!owner.isDisposed()) {
                if (owner.isVisible()) {
                    refresh.run();
                }
                owner.getDisplay().timerExec(seconds * 1000, tick[0]);
            }
        };
        owner.getDisplay().timerExec(seconds * 1000, tick[0]);
    }

    /** A time as the user reads it, in the installation's display zone ({@code DisplayZone}). */
    static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.withZone(zone).format(at);
    }

    static String actor(UserAccount user) {
        return user == null ? "poste" : user.login();
    }

    /** A text column (one line; the full text as tooltip), with an optional icon. */
    static <T> TableViewerColumn column(TableViewer viewer, Class<T> type, String title, int width, Function<T, String> text,
            Function<T, Image> icon) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply(type.cast(element));
                return value == null ? "" : value.replace('\n', ' ');
            }

            @Override
            public Image getImage(Object element) {
                return icon == null ? null : icon.apply(type.cast(element));
            }

            @Override
            public String getToolTipText(Object element) {
                String value = text.apply(type.cast(element));
                return value == null || value.isBlank() ? null : value;
            }
        });
        return column;
    }
}
