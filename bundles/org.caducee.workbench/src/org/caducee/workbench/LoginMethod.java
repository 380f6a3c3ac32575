package org.caducee.workbench;

import java.util.Optional;
import java.util.function.Consumer;

import org.caducee.security.UserAccount;
import org.eclipse.swt.widgets.Shell;

/**
 * Whiteboard: another way to open Caducée, offered by the login dialog as a button under the password form (e.g.
 * "Se connecter avec Pro Santé Connect"). Register an implementation as an OSGi service; buttons appear in
 * {@code service.ranking} order.
 */
public interface LoginMethod {

    /** The button text, in French. */
    String label();

    /**
     * Called on the UI thread when the user presses the button. Must not block: run the authentication in the
     * background (with its own dialogs parented to {@code parent}) and call {@code done} once, from any thread, with the
     * local account to open, or with an empty value when the user cancelled or it failed (the login dialog stays open).
     */
    void start(Shell parent, Consumer<Optional<UserAccount>> done);
}
