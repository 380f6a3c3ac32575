package org.caducee.workbench.internal.security;

import org.caducee.security.AccountService;
import org.caducee.security.SessionGuard;
import org.caducee.workbench.PreferencePageContribution;
import org.caducee.workbench.internal.Messages;
import org.eclipse.jface.preference.IPreferencePage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The "Sécurité" preference pages: account administration and password policy (whiteboard contributions). */
public final class SecurityPreferences {

    private SecurityPreferences() {
    }

    @Component(service = PreferencePageContribution.class)
    public static final class Accounts implements PreferencePageContribution {
        private final AccountService accounts;
        private final SessionGuard guard;

        @Activate
        public Accounts(@Reference AccountService accounts, @Reference SessionGuard guard) {
            this.accounts = accounts;
            this.guard = guard;
        }

        @Override
        public String id() {
            return "org.caducee.security.accounts";
        }

        @Override
        public String label() {
            return Messages.get("accounts.title");
        }

        @Override
        public IPreferencePage createPage() {
            return new AccountsPreferencePage(accounts, guard);
        }
    }

    @Component(service = PreferencePageContribution.class)
    public static final class Policy implements PreferencePageContribution {
        private final AccountService accounts;
        private final SessionGuard guard;

        @Activate
        public Policy(@Reference AccountService accounts, @Reference SessionGuard guard) {
            this.accounts = accounts;
            this.guard = guard;
        }

        @Override
        public String id() {
            return "org.caducee.security.policy";
        }

        @Override
        public String label() {
            return Messages.get("policy.title");
        }

        @Override
        public IPreferencePage createPage() {
            return new PolicyPreferencePage(accounts, guard);
        }
    }
}
