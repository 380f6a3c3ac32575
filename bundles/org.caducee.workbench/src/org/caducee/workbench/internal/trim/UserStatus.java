package org.caducee.workbench.internal.trim;

import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.security.UserAccount;
import org.caducee.workbench.internal.Messages;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The logged-in user in the status bar. */
public class UserStatus {

    private Label label;
    private UserAccount user;

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 2).applyTo(box);
        label = new Label(box, SWT.NONE);
        update();
    }

    @Inject
    void setUser(@Optional UserAccount user) {
        this.user = user;
        update();
    }

    private void update() {
        if (label == null || label.isDisposed()) {
            return;
        }
        label.setText(user == null ? Messages.get("user.none")
                : Messages.get("user.label", user.displayName(),
                        user.roles().stream().map(r -> Messages.get("role." + r.name())).collect(Collectors.joining(", "))));
        label.requestLayout();
    }
}
