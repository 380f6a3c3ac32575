package org.caducee.cda.validation;

import java.util.Locale;

/** Severity of a validation finding. Only {@link #ERROR} makes a document invalid. */
public enum Severity {
    ERROR, WARNING, INFO;

    /**
     * The severity named by a schematron {@code role} or {@code flag} ({@code error}, {@code fatal}, {@code warning},
     * {@code info}…), or {@code fallback} when it names none.
     */
    public static Severity fromRole(String role, Severity fallback) {
        if (role == null || role.isBlank()) {
            return fallback;
        }
        String r = role.trim().toLowerCase(Locale.ROOT);
        if (r.startsWith("err") || r.startsWith("fatal") || r.startsWith("erreur")) {
            return ERROR;
        }
        if (r.startsWith("warn") || r.startsWith("avert")) {
            return WARNING;
        }
        if (r.startsWith("info") || r.startsWith("note")) {
            return INFO;
        }
        return fallback;
    }
}
