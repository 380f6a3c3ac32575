package org.caducee.workbench.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.caducee.testing.ui.UiWatchdog;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;

/** The watchdog must catch a UI thread that waits instead of dispatching events, and stay quiet otherwise. */
class UiWatchdogTest {

    @Test
    void givenTheUiThreadSleeps300ms_thenAFreezeIsReportedWithTheBlockingFrame() throws InterruptedException {
        Display display = Display.getDefault();
        try (UiWatchdog watchdog = new UiWatchdog(display, 100)) {
            pump(display, 200);
            watchdog.arm();
            pump(display, 200);
            assertThat(watchdog.freezes()).as("an idle UI thread is not a freeze").isEmpty();
            Thread.sleep(300); // what a synchronous network call on the UI thread looks like
            pump(display, 200);
            assertThat(watchdog.freezes()).hasSize(1);
            assertThat(watchdog.freezes().get(0)).contains("UI thread blocked at").contains("TIMED_WAITING").contains("java.lang.Thread.sleep");
        }
    }

    private static void pump(Display display, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(5, () -> { });
                display.sleep();
            }
        }
    }
}
