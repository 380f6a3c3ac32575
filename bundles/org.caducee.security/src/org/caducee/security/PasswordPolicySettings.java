package org.caducee.security;

import java.util.ArrayList;
import java.util.List;

import org.caducee.security.internal.Messages;

/**
 * The password and session policy of the installation (stored in the database, shared by every workstation, changed by
 * an administrator through {@link AccountService#updatePolicy}). Privileged accounts are those with the role
 * {@link Role#ADMINISTRATEUR}.
 *
 * @param minLength minimum length of a password (ordinary accounts)
 * @param privilegedMinLength minimum length for privileged accounts
 * @param minClasses character classes (lower case, upper case, digits, others) a password shorter than
 *        {@code passphraseLength} must mix
 * @param passphraseLength from this length on, a password needs no mix of classes (passphrase)
 * @param expiryDays days after which the password of an ordinary account must be changed; 0 = never
 * @param privilegedExpiryDays days after which the password of a privileged account must be changed; 0 = never
 * @param history number of previous passwords that cannot be reused; 0 = no check
 * @param maxFailures consecutive failed logins that lock an account
 * @param lockoutSeconds duration of the first temporary lock; it doubles at each new lock until a successful login
 * @param maxLockoutSeconds upper bound of the growing lock duration
 * @param sessionLockMinutes inactivity after which the workbench locks its screen; 0 = never
 */
public record PasswordPolicySettings(int minLength, int privilegedMinLength, int minClasses, int passphraseLength, int expiryDays,
        int privilegedExpiryDays, int history, int maxFailures, long lockoutSeconds, long maxLockoutSeconds, int sessionLockMinutes) {

    /** The defaults: ANSSI guidance on passwords (2021), CNIL deliberation 2022-100, session lock after 10 minutes. */
    public static final PasswordPolicySettings DEFAULTS = new PasswordPolicySettings(12, 14, 3, 16, 0, 365, 5, 5, 60, 3600, 10);

    /** Bounds of each setting, French messages; empty when the settings are acceptable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, "minLength", minLength, 8, 64);
        check(problems, "privilegedMinLength", privilegedMinLength, Math.max(8, minLength), 64);
        check(problems, "minClasses", minClasses, 1, 4);
        check(problems, "passphraseLength", passphraseLength, minLength, 128);
        check(problems, "expiryDays", expiryDays, 0, 3650);
        check(problems, "privilegedExpiryDays", privilegedExpiryDays, 0, 3650);
        check(problems, "history", history, 0, 24);
        check(problems, "maxFailures", maxFailures, 3, 20);
        check(problems, "lockoutSeconds", lockoutSeconds, 10, 86_400);
        check(problems, "maxLockoutSeconds", maxLockoutSeconds, lockoutSeconds, 7 * 86_400);
        check(problems, "sessionLockMinutes", sessionLockMinutes, 0, 240);
        return problems;
    }

    private static void check(List<String> problems, String name, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(Messages.get("policy.bounds", Messages.get("policy." + name), min, max, value));
        }
    }
}
