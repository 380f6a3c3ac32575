package org.caducee.psc;

import java.io.IOException;
import java.net.URI;

/**
 * Opens the authorization page of Pro Santé Connect in the user's system browser (RFC 8252: never an embedded web
 * view). The default implementation asks the desktop to open the URL; register another one with a higher
 * {@code service.ranking} to drive the flow differently (tests use an HTTP client that behaves like a browser).
 */
public interface BrowserLauncher {

    void open(URI uri) throws IOException;
}
