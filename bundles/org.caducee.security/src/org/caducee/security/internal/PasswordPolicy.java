package org.caducee.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.caducee.security.PasswordPolicySettings;

/**
 * Password rules for local accounts, after the ANSSI guidance on passwords (2021) and CNIL deliberation 2022-100:
 * at least 12 characters mixing at least three of four character classes, or a passphrase of at least 16 characters
 * (length counts more than complexity); not containing the login; not a well-known password; not a mere
 * repetition. Attempts are limited by the temporary lockout of {@link AccountServiceImpl}. At most 128 characters.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int PASSPHRASE_LENGTH = 16;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of("motdepasse", "password", "azertyuiop", "qwertyuiop", "123456789",
            "1234567890", "000000000000", "soleil", "doudou", "bonjour", "medecin", "docteur", "cabinet", "secretaire",
            "administrateur", "admin", "caducee", "welcome", "iloveyou", "azerty", "loulou", "chouchou", "marseille",
            "paris", "football", "jetaime", "motdepass", "changeme", "letmein");

    private PasswordPolicy() {
    }

    /** French messages under the default policy for an ordinary account; empty when acceptable. {@code login} may be null. */
    public static List<String> problems(String login, String password) {
        return problems(PasswordPolicySettings.DEFAULTS, login, false, password);
    }

    /** French messages under {@code settings}; empty when acceptable. {@code login} may be null. */
    public static List<String> problems(PasswordPolicySettings settings, String login, boolean privileged, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(Messages.get("password.empty"));
            return problems;
        }
        int min = privileged ? settings.privilegedMinLength() : settings.minLength();
        int length = password.codePointCount(0, password.length());
        if (length < min) {
            problems.add(Messages.get(privileged ? "password.tooShortPrivileged" : "password.tooShort", min, length));
        }
        if (length > MAX_LENGTH) {
            problems.add(Messages.get("password.tooLong", MAX_LENGTH));
        }
        if (length < settings.passphraseLength() && classes(password) < settings.minClasses()) {
            problems.add(Messages.get("password.classes", settings.minClasses(), settings.passphraseLength()));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (login != null && login.length() >= 3 && lower.contains(login.toLowerCase(Locale.ROOT))) {
            problems.add(Messages.get("password.containsLogin"));
        }
        String letters = lower.replaceAll("[^\\p{L}\\p{N}]", "").replaceAll("\\d+$", "").replaceAll("^\\d+", "");
        if (COMMON.contains(lower) || COMMON.contains(letters)) {
            problems.add(Messages.get("password.common"));
        }
        if (repetitive(password)) {
            problems.add(Messages.get("password.repetitive"));
        }
        return problems;
    }

    private static int classes(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /** A pattern of 1 to 3 characters repeated over the whole password ("aaaa…", "abcabc…"). */
    private static boolean repetitive(String password) {
        for (int period = 1; period <= 3 && period < password.length(); period++) {
            boolean repeats = true;
            for (int i = period; i < password.length(); i++) {
                if (password.charAt(i) != password.charAt(i - period)) {
                    repeats = false;
                    break;
                }
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }
}
