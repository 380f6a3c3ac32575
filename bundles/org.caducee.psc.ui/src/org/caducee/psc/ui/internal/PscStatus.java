package org.caducee.psc.ui.internal;

import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.caducee.psc.PscSession;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** State of the Pro Santé Connect session in the status bar, updated from the session's listener. */
public class PscStatus {

    private final UISynchronize ui;
    private final Consumer<PscSession.State> listener = s -> refresh();
    private PscSession session;
    private Label label;

    @Inject
    public PscStatus(UISynchronize ui) {
        this.ui = ui;
    }

    @Inject
    void setSession(@Optional @Service PscSession session) {
        if (this.session != null) {
            this.session.removeListener(listener);
        }
        this.session = session;
        if (session != null) {
            session.addListener(listener);
        }
        refresh();
    }

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 2).applyTo(box);
        label = new Label(box, SWT.NONE);
        label.setData(PscLoginDialog.TEST_ID, "psc-status");
        refresh();
    }

    @PreDestroy
    void dispose() {
        if (session != null) {
            session.removeListener(listener);
        }
    }

    private void refresh() {
        PscSession s = session;
        String text;
        if (s == null) {
            text = Messages.get("status.unavailable");
        } else {
            text = switch (s.state()) {
                case ACTIVE -> Messages.get("status.active", s.identity().map(i -> i.displayName() + " (" + i.acr() + ")").orElse(""));
                case AUTHENTICATING -> Messages.get("status.authenticating");
                case ENDED -> Messages.get("status.ended");
                default -> Messages.get("status.none");
            };
        }
        ui.asyncExec(() -> {
            if (label != null && !label.isDisposed()) {
                label.setText(text);
                label.getParent().getParent().layout(true, true);
            }
        });
    }
}
