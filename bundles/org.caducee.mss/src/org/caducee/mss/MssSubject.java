package org.caducee.mss;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject of a message carrying documents: {@code XDM/1.0/DDM+<libellé> <NOM> <prénom> <JJ/MM/AAAA>} (one patient
 * per message), and the prefixes of integration reports.
 */
public final class MssSubject {

    public static final String PREFIX = "XDM/1.0/DDM+";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final Pattern PARSE = Pattern.compile("^(?:\\[[^\\]]*\\])*\\s*XDM/1\\.0/DDM\\+(.*)\\s(\\d{2}/\\d{2}/\\d{4})\\s*$");

    private MssSubject() {
    }

    /** {@code XDM/1.0/DDM+<label> <LAST NAME> <first name> <dd/MM/yyyy>}; the last name is upper-cased. */
    public static String of(String documentLabel, String lastName, String firstName, LocalDate birthDate) {
        return PREFIX + clean(documentLabel) + " " + clean(lastName).toUpperCase(Locale.FRANCE) + " " + clean(firstName) + " "
                + DATE.format(birthDate);
    }

    /** Error report subject: {@code [KO Intégration système !][<code>] <original>} (MDN). */
    public static String mdnError(MssErrorCode code, String originalSubject) {
        return "[KO Intégration système !][" + code.code() + "] " + originalSubject;
    }

    /** Error mail subject when no MDN was requested: {@code [Erreur d’intégration !][<code>] <original>}. */
    public static String errorMail(MssErrorCode code, String originalSubject) {
        return "[Erreur d'intégration !][" + code.code() + "] " + originalSubject;
    }

    /** The birth date carried by a document subject, if it has the XDM form. */
    public static Optional<LocalDate> birthDate(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = PARSE.matcher(subject.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(2), DATE));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The document label of a document subject: what precedes the patient's last name and first name (taken as the
     * last two words, the last name being written without spaces in the subject).
     */
    public static Optional<String> label(String subject) {
        String[] words = words(subject);
        if (words.length < 3) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", java.util.Arrays.copyOf(words, words.length - 2)));
    }

    /** The patient as the subject names him or her ({@code NOM prénom}), if it has the document form. */
    public static Optional<String> person(String subject) {
        String[] words = words(subject);
        if (words.length < 2) {
            return Optional.empty();
        }
        return Optional.of(words[words.length - 2] + " " + words[words.length - 1]);
    }

    private static String[] words(String subject) {
        if (subject == null) {
            return new String[0];
        }
        Matcher m = PARSE.matcher(subject.strip());
        if (!m.matches() || m.group(1).isBlank()) {
            return new String[0];
        }
        return m.group(1).strip().split("\\s+");
    }

    /** True when the subject has the XDM document form (possibly behind report prefixes). */
    public static boolean isDocumentSubject(String subject) {
        return subject != null && PARSE.matcher(subject.strip()).matches();
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
