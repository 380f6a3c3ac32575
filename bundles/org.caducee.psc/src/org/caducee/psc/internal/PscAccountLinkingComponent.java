package org.caducee.psc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.caducee.core.audit.AuditTrail;
import org.caducee.core.installation.Installation;
import org.caducee.psc.PscAccountLinking;
import org.caducee.psc.PscException;
import org.caducee.psc.PscException.Reason;
import org.caducee.psc.PscIdentity;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Links PSC identities to local accounts; the links live in {@code <dataDir>/psc/links.properties} (national id → login). */
@Component(service = PscAccountLinking.class)
public final class PscAccountLinkingComponent implements PscAccountLinking {

    private final AccountService accounts;
    private final AuditTrail audit;
    private final Path file;

    @Activate
    public PscAccountLinkingComponent(@Reference Installation installation, @Reference AccountService accounts,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
        this.file = installation.dataDir().resolve("psc").resolve("links.properties");
    }

    @Override
    public synchronized Optional<UserAccount> linkedAccount(PscIdentity identity) {
        String login = links().getProperty(identity.nationalId());
        return login == null ? Optional.empty() : accounts.find(login).filter(UserAccount::active);
    }

    @Override
    public Optional<UserAccount> candidate(PscIdentity identity) {
        Optional<String> rpps = identity.rpps();
        if (rpps.isEmpty()) {
            return Optional.empty();
        }
        return accounts.list().stream().filter(UserAccount::active).filter(a -> rpps.get().equals(a.rpps())).findFirst();
    }

    @Override
    public synchronized UserAccount confirmLink(PscIdentity identity, String login, char[] localPassword) throws PscException {
        UserAccount account = accounts.find(login).orElse(null);
        if (account == null || identity.rpps().isEmpty() || !identity.rpps().get().equals(account.rpps())) {
            record(identity, "psc.link.refused", login, "rpps");
            throw new PscException(Reason.DENIED, Messages.get("link.rppsMismatch", login));
        }
        Optional<UserAccount> checked;
        try {
            checked = accounts.authenticate(login, localPassword);
        } catch (RuntimeException e) {
            record(identity, "psc.link.refused", login, "locked");
            throw new PscException(Reason.DENIED, e.getMessage(), e);
        }
        if (checked.isEmpty()) {
            record(identity, "psc.link.refused", login, "password");
            throw new PscException(Reason.DENIED, Messages.get("link.wrongPassword", login));
        }
        store(identity, login);
        record(identity, "psc.link", login, "confirmed by local password");
        return checked.get();
    }

    @Override
    public synchronized UserAccount createAccount(PscIdentity identity, String login, char[] password) throws PscException {
        String rpps = identity.rpps().orElseThrow(() -> new PscException(Reason.REFUSED, Messages.get("link.noRpps")));
        String profession = identity.exercises().isEmpty() ? null : identity.exercises().get(0).professionCode();
        if (!"10".equals(profession)) {
            throw new PscException(Reason.REFUSED, Messages.get("link.noRole", profession));
        }
        UserAccount account;
        try {
            account = accounts.create(login, identity.displayName(), Set.of(Role.MEDECIN), rpps, password);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PscException(Reason.REFUSED, e.getMessage(), e);
        }
        store(identity, login);
        record(identity, "psc.link", login, "account created");
        return account;
    }

    private Properties links() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return p;
    }

    private void store(PscIdentity identity, String login) throws PscException {
        Properties p = links();
        p.setProperty(identity.nationalId(), login);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("links.properties.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "PSC national id -> local login");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PscException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private void record(PscIdentity identity, String action, String login, String detail) {
        if (audit != null) {
            audit.record(identity.nationalId(), action, login, detail);
        }
    }
}
