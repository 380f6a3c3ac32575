package org.caducee.cda.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v3 TS values ({@code YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]}). Missing parts are the start of the period; a
 * value without offset is read in Europe/Paris (French documents).
 */
public final class Hl7Time {

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,9}))?([+-]\\d{2}(?:\\d{2})?)?");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Hl7Time() {
    }

    /** The instant of a TS value, or {@code null} when the value is absent or not a TS. */
    public static OffsetDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = TS.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), part(m.group(2), 1), part(m.group(3), 1),
                    part(m.group(4), 0), part(m.group(5), 0), part(m.group(6), 0), Integer.parseInt(fraction));
            if (m.group(8) != null) {
                String z = m.group(8);
                int hours = Integer.parseInt(z.substring(1, 3));
                int minutes = z.length() > 3 ? Integer.parseInt(z.substring(3, 5)) : 0;
                int sign = z.charAt(0) == '-' ? -1 : 1;
                return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            }
            return local.atZone(PARIS).toOffsetDateTime();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The date part of a TS value, or {@code null}. */
    public static LocalDate date(String value) {
        if (value == null || value.trim().length() < 8) {
            return null;
        }
        try {
            String v = value.trim();
            return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4, 6)),
                    Integer.parseInt(v.substring(6, 8)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int part(String text, int absent) {
        return text == null ? absent : Integer.parseInt(text);
    }
}
