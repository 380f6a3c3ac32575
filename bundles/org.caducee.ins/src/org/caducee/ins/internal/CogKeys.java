package org.caducee.ins.internal;

import org.caducee.core.text.Names;

/**
 * Search keys of place names: {@link Names#normalize}, hyphens and apostrophes as spaces, "ST"/"STE" spelled
 * "SAINT"/"SAINTE", then letters and digits only. "Saint-Étienne", "ST ETIENNE" and "st-etienne" share SAINTETIENNE.
 */
public final class CogKeys {

    private CogKeys() {
    }

    public static String key(String name) {
        String normalized = Names.normalize(name).replace('-', ' ').replace('\'', ' ');
        StringBuilder out = new StringBuilder(normalized.length() + 8);
        for (String token : normalized.split(" ")) {
            String t = switch (token) {
                case "ST" -> "SAINT";
                case "STE" -> "SAINTE";
                case "STS" -> "SAINTS";
                case "STES" -> "SAINTES";
                default -> token;
            };
            for (int i = 0; i < t.length(); i++) {
                if (Character.isLetterOrDigit(t.charAt(i))) {
                    out.append(t.charAt(i));
                }
            }
        }
        return out.length() > 200 ? out.substring(0, 200) : out.toString();
    }
}
