package org.caducee.psc.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.caducee.psc.BrowserLauncher;

/** Opens the system browser with the desktop's own opener ({@code xdg-open}, {@code open}, {@code rundll32}). */
final class DesktopBrowserLauncher implements BrowserLauncher {

    @Override
    public void open(URI uri) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString())
                : os.contains("mac") ? List.of("open", uri.toString()) : List.of("xdg-open", uri.toString());
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
