package org.caducee.core.patient;

import org.caducee.core.internal.Messages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.caducee.core.text.Names;

/**
 * A search as typed by a user: name prefixes (each matches the birth name, the used name or a first name),
 * an optional birth date, or an INS matricule. {@link #parse} reads free text such as
 * {@code "dupont jea 12/03/1980"} or {@code "279035121518989"}.
 */
public record PatientQuery(List<String> namePrefixes, LocalDate birthDate, String insNumber, int limit) {

    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    public PatientQuery {
        namePrefixes = namePrefixes == null ? List.of() : namePrefixes.stream().map(Names::searchKey).filter(s -> !s.isEmpty()).toList();
        limit = limit <= 0 ? 50 : Math.min(limit, 500);
    }

    public static PatientQuery parse(String text, int limit) {
        List<String> names = new ArrayList<>();
        LocalDate date = null;
        String ins = null;
        for (String token : (text == null ? "" : text.trim()).split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String compact = token.replace(".", "");
            if (compact.matches("\\d{5}(\\d{2}|2[AaBb])\\d{6}(\\d{2})?")) {
                ins = compact.substring(0, 13).toUpperCase(java.util.Locale.ROOT);
            } else if (token.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
                date = parseDate(token, FR);
            } else if (token.matches("\\d{4}-\\d{2}-\\d{2}")) {
                date = parseDate(token, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT));
            } else {
                names.add(token);
            }
        }
        return new PatientQuery(names, date, ins, limit);
    }

    private static LocalDate parseDate(String token, DateTimeFormatter format) {
        try {
            return LocalDate.parse(token, format);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Messages.get("query.birthDate", token));
        }
    }

    public boolean isEmpty() {
        return namePrefixes.isEmpty() && birthDate == null && insNumber == null;
    }
}
