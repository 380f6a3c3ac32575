package org.caducee.cli.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.cli.Secrets;
import org.caducee.security.AccountLockedException;
import org.caducee.security.AccountService;
import org.caducee.security.AccountStatus;
import org.caducee.security.PasswordPolicySettings;
import org.caducee.security.Role;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code caducee-cli account add|list|lock|unlock|passwd|policy}. Every change needs the re-authentication of an
 * administrator ({@code --admin}, password from {@code CADUCEE_ADMIN_PASSWORD} or the terminal), except the creation
 * of the very first account and a user changing their own password. Exit codes: 0 done, 1 refused by the rules,
 * 2 usage, 3 service unavailable, 4 authentication refused.
 */
final class AccountCommand {

    static final int AUTH_REFUSED = 4;
    static final String ADMIN_PASSWORD = "CADUCEE_ADMIN_PASSWORD";
    static final String NEW_PASSWORD = "CADUCEE_NEW_PASSWORD";
    static final String CURRENT_PASSWORD = "CADUCEE_PASSWORD";

    @Command(name = "account", description = "Comptes utilisateurs : création, liste, verrouillage, mot de passe, politique.",
            subcommands = { Add.class, ListAccounts.class, Lock.class, Unlock.class, Passwd.class, Policy.class })
    static final class Account {
    }

    /** Re-authenticates {@code admin} for {@code reason}; the administrator's login is the author of the change. */
    static String administrator(CliContext context, String admin, String reason) {
        if (admin == null || admin.isBlank()) {
            throw new CliException(CliException.USAGE, Messages.get("account.adminRequired"));
        }
        char[] password = Secrets.read(null, ADMIN_PASSWORD, Messages.get("account.adminPassword", admin), false);
        try {
            return context.service(SessionGuard.class).requireAdministrator(admin, password, reason).login();
        } catch (SecurityException | AccountLockedException e) {
            throw new CliException(AUTH_REFUSED, e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static <T> T rules(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(CliException.FAILURE, e.getMessage(), e);
        }
    }

    static Map<String, Object> json(AccountStatus s) {
        UserAccount a = s.account();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", a.login());
        m.put("displayName", a.displayName());
        m.put("roles", a.roles().stream().map(Role::name).sorted().toList());
        m.put("rpps", a.rpps());
        m.put("active", a.active());
        Instant now = Instant.now();
        m.put("locked", s.lockedAt(now));
        m.put("lockedByAdministrator", s.lockedByAdministrator());
        m.put("lockedUntil", s.lockedUntil() == null ? null : s.lockedUntil().toString());
        m.put("failedAttempts", s.failedAttempts());
        m.put("passwordChangedAt", s.passwordChangedAt() == null ? null : s.passwordChangedAt().toString());
        m.put("passwordExpiresAt", s.passwordExpiresAt() == null ? null : s.passwordExpiresAt().toString());
        m.put("passwordChangeRequired", s.passwordChangeRequiredAt(now));
        return m;
    }

    @Command(name = "add", description = "Crée un compte (mot de passe : variable CADUCEE_NEW_PASSWORD ou saisie).")
    static final class Add implements Callable<Integer> {
        private final CliContext context;
        @Parameters(index = "0", paramLabel = "IDENTIFIANT")
        String login;
        @Option(names = "--nom", required = true, description = "Nom affiché, p. ex. « Dr Jeanne Dupont ».")
        String displayName;
        @Option(names = "--role", required = true, split = ",", description = "MEDECIN, SECRETAIRE, ADMINISTRATEUR (plusieurs : virgules).")
        List<String> roles;
        @Option(names = "--rpps", description = "Numéro RPPS (11 chiffres) d’un professionnel de santé.")
        String rpps;
        @Option(names = "--admin", paramLabel = "IDENTIFIANT", description = "Administrateur qui se réauthentifie (inutile pour le tout premier compte).")
        String admin;

        Add(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AccountService accounts = context.service(AccountService.class);
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String r : roles) {
                try {
                    parsed.add(Role.valueOf(r.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new CliException(CliException.USAGE, Messages.get("account.role", r));
                }
            }
            String actor = accounts.list().isEmpty() && admin == null ? "cli:premier-compte"
                    : administrator(context, admin, "création du compte " + login);
            char[] password = Secrets.read(null, NEW_PASSWORD, Messages.get("account.newPassword", login), true);
            try {
                UserAccount created = rules(() -> accounts.create(actor, login, displayName, parsed, rpps, password));
                context.result(json(accounts.status(created.login()).orElseThrow()), Messages.get("account.created", created.login()));
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Liste les comptes et leur état (verrouillage, expiration du mot de passe).")
    static final class ListAccounts implements Callable<Integer> {
        private final CliContext context;

        ListAccounts(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AccountService accounts = context.service(AccountService.class);
            List<Map<String, Object>> doc = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (UserAccount a : accounts.list()) {
                AccountStatus s = accounts.status(a.login()).orElseThrow();
                Map<String, Object> m = json(s);
                doc.add(m);
                text.append(String.format("%-16s %-28s %-28s %s%n", a.login(), a.displayName(), m.get("roles"),
                        state(s, (Boolean) m.get("locked"), (Boolean) m.get("passwordChangeRequired"))));
            }
            context.result(Map.of("count", doc.size(), "accounts", doc), text + Messages.get("account.count", doc.size()));
            return 0;
        }

        private static String state(AccountStatus s, boolean locked, boolean change) {
            List<String> parts = new ArrayList<>();
            parts.add(Messages.get(!s.account().active() ? "account.state.inactive" : locked ? "account.state.locked" : "account.state.active"));
            if (change) {
                parts.add(Messages.get("account.state.change"));
            }
            return String.join(", ", parts);
        }
    }

    @Command(name = "lock", description = "Verrouille un compte (administrateur).")
    static final class Lock implements Callable<Integer> {
        private final CliContext context;
        @Parameters(index = "0", paramLabel = "IDENTIFIANT")
        String login;
        @Option(names = "--admin", paramLabel = "IDENTIFIANT", description = "Administrateur qui se réauthentifie.")
        String admin;

        Lock(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String actor = administrator(context, admin, "verrouillage du compte " + login);
            AccountService accounts = context.service(AccountService.class);
            rules(() -> {
                accounts.lock(actor, login);
                return null;
            });
            context.result(json(accounts.status(login).orElseThrow()), Messages.get("account.locked", login));
            return 0;
        }
    }

    @Command(name = "unlock", description = "Déverrouille un compte et remet à zéro ses échecs (administrateur).")
    static final class Unlock implements Callable<Integer> {
        private final CliContext context;
        @Parameters(index = "0", paramLabel = "IDENTIFIANT")
        String login;
        @Option(names = "--admin", paramLabel = "IDENTIFIANT", description = "Administrateur qui se réauthentifie.")
        String admin;

        Unlock(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String actor = administrator(context, admin, "déverrouillage du compte " + login);
            AccountService accounts = context.service(AccountService.class);
            rules(() -> {
                accounts.unlock(actor, login);
                return null;
            });
            context.result(json(accounts.status(login).orElseThrow()), Messages.get("account.unlocked", login));
            return 0;
        }
    }

    @Command(name = "passwd", description = "Change son propre mot de passe (mot de passe actuel : CADUCEE_PASSWORD ou saisie), ou, avec --admin, "
            + "donne un mot de passe provisoire à changer à la prochaine connexion. Nouveau mot de passe : CADUCEE_NEW_PASSWORD ou saisie.")
    static final class Passwd implements Callable<Integer> {
        private final CliContext context;
        @Parameters(index = "0", paramLabel = "IDENTIFIANT")
        String login;
        @Option(names = "--admin", paramLabel = "IDENTIFIANT", description = "Administrateur qui réinitialise le mot de passe.")
        String admin;

        Passwd(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AccountService accounts = context.service(AccountService.class);
            if (admin != null) {
                String actor = administrator(context, admin, "réinitialisation du mot de passe de " + login);
                char[] temporary = Secrets.read(null, NEW_PASSWORD, Messages.get("account.newPassword", login), true);
                try {
                    rules(() -> {
                        accounts.resetPassword(actor, login, temporary);
                        return null;
                    });
                } finally {
                    Arrays.fill(temporary, '\0');
                }
                context.result(json(accounts.status(login).orElseThrow()), Messages.get("account.reset", login));
                return 0;
            }
            char[] current = Secrets.read(null, CURRENT_PASSWORD, Messages.get("account.currentPassword", login), false);
            char[] next = Secrets.read(null, NEW_PASSWORD, Messages.get("account.newPassword", login), true);
            try {
                rules(() -> {
                    accounts.changeOwnPassword(login, current, next);
                    return null;
                });
            } finally {
                Arrays.fill(current, '\0');
                Arrays.fill(next, '\0');
            }
            context.result(json(accounts.status(login).orElseThrow()), Messages.get("account.changed", login));
            return 0;
        }
    }

    @Command(name = "policy", description = "Affiche la politique de mots de passe et de session ; la modifie avec --set CLE=VALEUR (administrateur).")
    static final class Policy implements Callable<Integer> {
        private final CliContext context;
        @Option(names = "--set", paramLabel = "CLE=VALEUR", description = "Réglage à modifier (p. ex. minLength=14), répétable.")
        Map<String, String> changes;
        @Option(names = "--admin", paramLabel = "IDENTIFIANT", description = "Administrateur qui se réauthentifie.")
        String admin;

        Policy(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AccountService accounts = context.service(AccountService.class);
            PasswordPolicySettings policy = accounts.policy();
            if (changes != null && !changes.isEmpty()) {
                String actor = administrator(context, admin, "modification de la politique de sécurité");
                Map<String, Object> values = values(policy);
                for (Map.Entry<String, String> e : changes.entrySet()) {
                    if (!values.containsKey(e.getKey())) {
                        throw new CliException(CliException.USAGE, Messages.get("account.policyKey", e.getKey(), String.join(", ", values.keySet())));
                    }
                    try {
                        values.put(e.getKey(), Long.parseLong(e.getValue().strip()));
                    } catch (NumberFormatException nfe) {
                        throw new CliException(CliException.USAGE, Messages.get("account.policyValue", e.getKey(), e.getValue()));
                    }
                }
                PasswordPolicySettings next = new PasswordPolicySettings(n(values, "minLength"), n(values, "privilegedMinLength"),
                        n(values, "minClasses"), n(values, "passphraseLength"), n(values, "expiryDays"), n(values, "privilegedExpiryDays"),
                        n(values, "history"), n(values, "maxFailures"), ((Number) values.get("lockoutSeconds")).longValue(),
                        ((Number) values.get("maxLockoutSeconds")).longValue(), n(values, "sessionLockMinutes"));
                rules(() -> {
                    accounts.updatePolicy(actor, next);
                    return null;
                });
                policy = accounts.policy();
            }
            Map<String, Object> doc = values(policy);
            StringBuilder text = new StringBuilder();
            doc.forEach((k, v) -> text.append(String.format("%-22s %-8s %s%n", k, v, Messages.get("account.policy." + k))));
            context.result(doc, text.toString().stripTrailing());
            return 0;
        }

        private static int n(Map<String, Object> values, String key) {
            return ((Number) values.get(key)).intValue();
        }

        static Map<String, Object> values(PasswordPolicySettings p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minLength", p.minLength());
            m.put("privilegedMinLength", p.privilegedMinLength());
            m.put("minClasses", p.minClasses());
            m.put("passphraseLength", p.passphraseLength());
            m.put("expiryDays", p.expiryDays());
            m.put("privilegedExpiryDays", p.privilegedExpiryDays());
            m.put("history", p.history());
            m.put("maxFailures", p.maxFailures());
            m.put("lockoutSeconds", p.lockoutSeconds());
            m.put("maxLockoutSeconds", p.maxLockoutSeconds());
            m.put("sessionLockMinutes", p.sessionLockMinutes());
            return m;
        }
    }
}
