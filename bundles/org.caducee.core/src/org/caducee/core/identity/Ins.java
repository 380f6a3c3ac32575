package org.caducee.core.identity;

import org.caducee.core.internal.Messages;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An INS matricule (NIR or NIA: 13 characters + 2-digit key) with the OID of its assigning authority.
 * The format is enforced; the key is only checked ({@link #keyValid()}): a wrong key is flagged, never rejected,
 * because national test data and old records do carry wrong keys.
 */
public record Ins(String number, String key, InsType type) {

    private static final Pattern NUMBER = Pattern.compile("\\d{5}(\\d{2}|2[AB])\\d{6}");
    private static final Pattern KEY = Pattern.compile("\\d{2}");

    public Ins {
        Objects.requireNonNull(type, "type");
        number = number == null ? "" : number.trim().toUpperCase(java.util.Locale.ROOT);
        key = key == null ? "" : key.trim();
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException(Messages.get("ins.number", number));
        }
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(Messages.get("ins.key", key));
        }
    }

    /** Parses the 15-character form (matricule followed by its key). */
    public static Ins parse(String fifteen, InsType type) {
        String value = fifteen == null ? "" : fifteen.replace(" ", "").trim();
        if (value.length() != 15) {
            throw new IllegalArgumentException(Messages.get("ins.fifteen", value));
        }
        return new Ins(value.substring(0, 13), value.substring(13), type);
    }

    /** The key computed from the number: 97 - (N mod 97), with 2A → 19 and 2B → 18 for Corsica. */
    public static String computeKey(String number) {
        String digits = number.toUpperCase(java.util.Locale.ROOT).replace("2A", "19").replace("2B", "18");
        long n = Long.parseLong(digits);
        return String.format("%02d", 97 - (n % 97));
    }

    public boolean keyValid() {
        return computeKey(number).equals(key);
    }

    /** The 15-character form. */
    public String value() {
        return number + key;
    }

    public String oid() {
        return type.oid();
    }

    /** HL7 v2 / XDS CX form: {@code matricule^^^&oid&ISO^NH}. */
    public String toCx() {
        return value() + "^^^&" + oid() + "&ISO^NH";
    }

    /** A NIA: the temporary number given before registration at the RNIPP (OID of the NIA authority). */
    public boolean isNia() {
        return type == InsType.NIA;
    }
}
