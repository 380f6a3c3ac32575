package org.caducee.psc.ui.internal;

import java.util.Optional;
import java.util.function.Consumer;

import org.caducee.psc.PscAccountLinking;
import org.caducee.psc.PscSession;
import org.caducee.security.UserAccount;
import org.caducee.workbench.LoginMethod;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** "Se connecter avec Pro Santé Connect" in the login dialog of the workbench. */
@Component(service = LoginMethod.class, property = "service.ranking:Integer=100")
public final class PscLoginMethod implements LoginMethod {

    private final PscSession session;
    private final PscAccountLinking linking;

    @Activate
    public PscLoginMethod(@Reference PscSession session, @Reference PscAccountLinking linking) {
        this.session = session;
        this.linking = linking;
    }

    @Override
    public String label() {
        return Messages.get("login.button");
    }

    @Override
    public void start(Shell parent, Consumer<Optional<UserAccount>> done) {
        new PscLoginDialog(parent, session, linking, done).open();
    }
}
