package org.caducee.core.text;

import java.text.Normalizer;
import java.util.Locale;

/** Name normalisation shared by search, identity comparison and storage. */
public final class Names {

    private Names() {
    }

    /**
     * Upper case without diacritics, ligatures expanded, every run of characters other than letters, digits,
     * hyphen and apostrophe turned into one space, trimmed. {@code "Éloïse  d'Œuvre"} becomes {@code "ELOISE D'OEUVRE"}.
     * Returns an empty string for {@code null}.
     */
    public static String normalize(String value) {
        if (value == null) {
            return "";
        }
        String expanded = value.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss");
        String stripped = Normalizer.normalize(expanded, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(stripped.length());
        boolean space = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '\'') {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c == '\'' ? '\'' : c);
            } else {
                space = true;
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Normalised form used as a search key: letters and digits only, so "Le Gall", "LE-GALL" and "legall" match. */
    public static String searchKey(String value) {
        String normalized = normalize(value);
        StringBuilder out = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
