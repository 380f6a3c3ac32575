package org.caducee.ins.internal;

import org.caducee.core.text.Names;

/**
 * Search keys of place names: {@link Names#normalize} (upper case, no diacritics, ligatures expanded), hyphens,
 * apostrophes and spaces as word breaks, "ST"/"STE" spelled "SAINT"/"SAINTE", then letters and digits only.
 * "Saint-Étienne", "ST ETIENNE" and "st-etienne" share SAINTETIENNE.
 * <p>
 * The import computes about 90,000 keys: characters up to U+024F are folded through a table computed once from
 * {@link Names#normalize}, so the result is the same as normalising the whole name, several times faster.
 */
public final class CogKeys {

    private static final int MAX = 200;
    /** Folded form of each character below U+0250; null for a combining mark (ignored). */
    private static final String[] FOLD = new String[0x250];

    static {
        for (char c = 0; c < FOLD.length; c++) {
            FOLD[c] = Character.getType(c) == Character.NON_SPACING_MARK ? null : Names.normalize(String.valueOf(c));
        }
    }

    private CogKeys() {
    }

    public static String key(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length() + 8);
        int token = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String folded;
            if (c < FOLD.length) {
                folded = FOLD[c];
            } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
                folded = null;
            } else {
                folded = Names.normalize(String.valueOf(c));
            }
            if (folded == null) {
                continue;
            }
            boolean letters = false;
            for (int k = 0; k < folded.length(); k++) {
                char d = folded.charAt(k);
                if (Character.isLetterOrDigit(d)) {
                    out.append(d);
                    letters = true;
                }
            }
            if (!letters) {
                token = endOfWord(out, token);
            }
        }
        endOfWord(out, token);
        return out.length() > MAX ? out.substring(0, MAX) : out.toString();
    }

    /** Spells out the abbreviations of the word that ends here; returns where the next word starts. */
    private static int endOfWord(StringBuilder out, int start) {
        String word = out.substring(start);
        String full = switch (word) {
            case "ST" -> "SAINT";
            case "STE" -> "SAINTE";
            case "STS" -> "SAINTS";
            case "STES" -> "SAINTES";
            default -> null;
        };
        if (full != null) {
            out.replace(start, out.length(), full);
        }
        return out.length();
    }
}
