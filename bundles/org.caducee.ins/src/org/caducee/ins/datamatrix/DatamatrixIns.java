package org.caducee.ins.datamatrix;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.ins.datamatrix.DatamatrixInsException.Problem;
import org.caducee.ins.internal.Messages;

/**
 * The ANS "Datamatrix INS" content: header {@code IS01} + 22 zeros, then the fields {@code S1} matricule INS (15),
 * {@code S2} OID (variable), {@code S3} birth first names (variable), {@code S4} birth name (variable), {@code S5} sex
 * (1), {@code S6} birth date {@code JJ-MM-AAAA} (10), {@code S7} birthplace COG code (5), in any order. A variable-length
 * field ends with GS ({@code 0x1D}) unless it is the last one.
 * <p>
 * {@link #parse} reads what a keyboard-wedge scanner types. Such scanners often type GS as another character
 * ({@code |}, {@code ]}, {@code ^]}, {@code <GS>}…) or not at all; the parser accepts this wherever the split stays
 * unambiguous: an OID holds only digits and dots, and names hold no digits, so a field identifier {@code S1}…{@code S7}
 * right after a name ends it. Pure functions, no state.
 */
public final class DatamatrixIns {

    /** Group separator, the terminator of variable-length fields. */
    public static final char GS = 0x1D;

    /** The 26-character header of a Datamatrix INS. */
    public static final String HEADER = "IS01" + "0".repeat(22);

    /** No real Datamatrix INS is longer (26 + 7 fields, names up to 100 characters); longer input is refused. */
    public static final int MAX_LENGTH = 400;

    private static final String[] GS_SPELLINGS = { "<GS>", "<gs>", "{GS}", "[GS]", "^]", "\\x1D", "\\x1d", "\u241D", "<1D>", "\\u001D" };
    /** What the digits 0–9 become when a scanner set for QWERTY types on an AZERTY keyboard. */
    private static final String AZERTY_DIGITS = "à&é\"'(-è_ç";
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9]\\d*))+");
    private static final Pattern MATRICULE = Pattern.compile("\\d{5}(\\d{2}|2[AB])\\d{8}");
    private static final Pattern COG = Pattern.compile("\\d{5}|\\d[AB]\\d{3}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);

    private DatamatrixIns() {
    }

    /**
     * Parses the content read from a Datamatrix INS.
     *
     * @throws DatamatrixInsException with a French message when the content cannot be used
     */
    public static DatamatrixInsContent parse(String scanned) {
        if (scanned == null || scanned.isBlank()) {
            throw error(Problem.EMPTY, "dm.empty");
        }
        if (scanned.length() > MAX_LENGTH) {
            throw error(Problem.TOO_LONG, "dm.tooLong", scanned.length(), MAX_LENGTH);
        }
        List<String> warnings = new ArrayList<>();
        String text = normalise(scanned);
        int pos = header(text);
        Map<Field, String> fields = new EnumMap<>(Field.class);
        while (true) {
            pos = skipSeparators(text, pos);
            if (pos >= text.length()) {
                break;
            }
            if (text.charAt(pos) != 'S' || pos + 1 >= text.length() || text.charAt(pos + 1) < '1' || text.charAt(pos + 1) > '7') {
                throw error(Problem.GARBAGE, "dm.garbage", pos + 1, excerpt(text, pos));
            }
            Field field = Field.values()[text.charAt(pos + 1) - '1'];
            if (fields.containsKey(field)) {
                throw error(Problem.DUPLICATE_FIELD, "dm.duplicate", field.label());
            }
            int start = pos + 2;
            int end = switch (field) {
                case S1_MATRICULE, S5_SEX, S6_BIRTH_DATE, S7_BIRTHPLACE -> fixed(text, start, field);
                case S2_OID -> oidEnd(text, start);
                case S3_FIRST_NAMES, S4_BIRTH_NAME -> nameEnd(text, start, field, warnings);
            };
            String value = text.substring(start, end);
            checkFixed(field, value);
            fields.put(field, value);
            pos = end;
        }
        for (Field f : Field.values()) {
            if (!fields.containsKey(f)) {
                throw error(Problem.MISSING_FIELD, "dm.missing", f.label());
            }
        }
        return build(fields, warnings);
    }

    /**
     * The content to print for a qualified identity, in the order of the ANS sample (S1, S2, S3, S5, S6, S7, S4).
     *
     * @throws IllegalArgumentException when the identity is not qualified (only a qualified INS may be shared)
     */
    public static String encode(Identity identity) {
        if (!identity.insShareable() || identity.ins() == null) {
            throw new IllegalArgumentException(Messages.get("dm.notQualified"));
        }
        return encode(identity.ins(), identity.traits());
    }

    /** The content for an INS and its traits (callers check the identity status; see {@link #encode(Identity)}). */
    static String encode(Ins ins, BirthTraits traits) {
        if (traits.birthFirstNames().isEmpty()) {
            throw new IllegalArgumentException(Messages.get("dm.noFirstName"));
        }
        if (traits.sex() != Sex.MALE && traits.sex() != Sex.FEMALE) {
            throw new IllegalArgumentException(Messages.get("dm.sexUndetermined"));
        }
        String birthplace = traits.birthplaceCode() == null ? BirthTraits.UNKNOWN_BIRTHPLACE : traits.birthplaceCode();
        return HEADER + "S1" + ins.value() + "S2" + ins.oid() + GS + "S3" + traits.firstNamesList() + GS + "S5" + traits.sex().code()
                + "S6" + DATE.format(traits.birthDate()) + "S7" + birthplace + "S4" + traits.birthName();
    }

    private static String normalise(String scanned) {
        String text = scanned.strip();
        // AIM symbology identifier some scanners prefix (]d1 … ]d6 for Data Matrix)
        if (text.length() > 3 && text.startsWith("]d") && Character.isDigit(text.charAt(2))) {
            text = text.substring(3);
        }
        for (String spelling : GS_SPELLINGS) {
            text = text.replace(spelling, String.valueOf(GS));
        }
        return text;
    }

    private static int header(String text) {
        if (text.startsWith("IS") && text.length() > 3 && AZERTY_DIGITS.indexOf(text.charAt(2)) >= 0 && AZERTY_DIGITS.indexOf(text.charAt(3)) >= 0) {
            throw error(Problem.KEYBOARD_LAYOUT, "dm.keyboard");
        }
        if (!text.startsWith(HEADER)) {
            throw error(Problem.BAD_HEADER, "dm.header", excerpt(text, 0));
        }
        return HEADER.length();
    }

    private static int skipSeparators(String text, int pos) {
        while (pos < text.length() && isSeparator(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** GS and any character that can appear in no field (a scanner's spelling of GS). */
    private static boolean isSeparator(char c) {
        return c == GS || Character.isWhitespace(c) || !(Character.isLetterOrDigit(c) || c == '-' || c == '\'' || c == '.');
    }

    private static int fixed(String text, int start, Field field) {
        int end = start + field.length;
        if (end > text.length()) {
            throw error(field.problem, "dm.truncated", field.label(), field.length);
        }
        return end;
    }

    /** A fixed-length field is checked at once: a wrong one means the fields after it cannot be split reliably. */
    private static void checkFixed(Field field, String value) {
        switch (field) {
            case S1_MATRICULE -> {
                if (!MATRICULE.matcher(value).matches()) {
                    throw error(Problem.BAD_MATRICULE, "dm.matricule", value);
                }
            }
            case S5_SEX -> {
                if (!value.equals("M") && !value.equals("F")) {
                    throw error(Problem.BAD_SEX, "dm.sex", value);
                }
            }
            case S6_BIRTH_DATE -> {
                if (!value.matches("\\d\\d[-/. ]\\d\\d[-/. ]\\d{4}")) {
                    throw error(Problem.BAD_DATE, "dm.date", value);
                }
            }
            case S7_BIRTHPLACE -> {
                if (!COG.matcher(value).matches()) {
                    throw error(Problem.BAD_BIRTHPLACE, "dm.birthplace", value);
                }
            }
            default -> {
                // variable-length fields are checked once all are read
            }
        }
    }

    private static int oidEnd(String text, int start) {
        int i = start;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        if (i == start) {
            throw error(Problem.BAD_OID, "dm.oid", excerpt(text, start));
        }
        return i;
    }

    private static int nameEnd(String text, int start, Field field, List<String> warnings) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == GS || (isSeparator(c) && c != ' ')) {
                return i;
            }
            if (Character.isDigit(c)) {
                if (c >= '1' && c <= '7' && i - 1 > start && text.charAt(i - 1) == 'S') {
                    warnings.add(Messages.get("dm.warn.noSeparator", field.label()));
                    return i - 1;
                }
                throw error(Problem.BAD_NAME, "dm.nameDigit", field.label(), excerpt(text, start));
            }
            i++;
        }
        return i;
    }

    private static DatamatrixInsContent build(Map<Field, String> fields, List<String> warnings) {
        String oid = fields.get(Field.S2_OID);
        if (!OID.matcher(oid).matches() || oid.length() > 64) {
            throw error(Problem.BAD_OID, "dm.oid", oid);
        }
        InsType type = Arrays.stream(InsType.values()).filter(t -> t.oid().equals(oid)).findFirst()
                .orElseThrow(() -> error(Problem.BAD_OID, "dm.oidUnknown", oid));
        Ins ins;
        try {
            ins = Ins.parse(fields.get(Field.S1_MATRICULE), type);
        } catch (IllegalArgumentException e) {
            throw error(Problem.BAD_MATRICULE, "dm.matricule", fields.get(Field.S1_MATRICULE));
        }
        if (!ins.keyValid()) {
            warnings.add(Messages.get("dm.warn.key", ins.value(), Ins.computeKey(ins.number())));
        }
        String sexCode = fields.get(Field.S5_SEX);
        if (!sexCode.equals("M") && !sexCode.equals("F")) {
            throw error(Problem.BAD_SEX, "dm.sex", sexCode);
        }
        String rawDate = fields.get(Field.S6_BIRTH_DATE);
        if (rawDate.matches("\\d\\d[/. ]\\d\\d[/. ]\\d{4}")) {
            rawDate = rawDate.substring(0, 2) + '-' + rawDate.substring(3, 5) + '-' + rawDate.substring(6);
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(rawDate, DATE);
        } catch (DateTimeParseException e) {
            throw error(Problem.BAD_DATE, "dm.date", rawDate);
        }
        String birthplace = fields.get(Field.S7_BIRTHPLACE);
        if (!COG.matcher(birthplace).matches()) {
            throw error(Problem.BAD_BIRTHPLACE, "dm.birthplace", birthplace);
        }
        String firstNames = fields.get(Field.S3_FIRST_NAMES).strip();
        String birthName = fields.get(Field.S4_BIRTH_NAME).strip();
        if (firstNames.isEmpty() || !firstNames.chars().anyMatch(Character::isLetter)) {
            throw error(Problem.BAD_NAME, "dm.nameEmpty", Field.S3_FIRST_NAMES.label());
        }
        if (birthName.isEmpty() || !birthName.chars().anyMatch(Character::isLetter)) {
            throw error(Problem.BAD_NAME, "dm.nameEmpty", Field.S4_BIRTH_NAME.label());
        }
        BirthTraits traits;
        try {
            traits = BirthTraits.of(birthName, firstNames, sexCode.equals("M") ? Sex.MALE : Sex.FEMALE, birthDate, birthplace);
        } catch (IllegalArgumentException e) {
            Problem p = e.getMessage() != null && e.getMessage().contains("Date") ? Problem.BAD_DATE : Problem.BAD_NAME;
            throw new DatamatrixInsException(p, Messages.get("dm.traits", e.getMessage()));
        }
        if (!traits.birthName().equals(birthName) || !traits.firstNamesList().equals(firstNames)) {
            warnings.add(Messages.get("dm.warn.normalised"));
        }
        return new DatamatrixInsContent(ins, traits, warnings);
    }

    private static String excerpt(String text, int from) {
        String part = text.substring(Math.max(0, Math.min(from, text.length())), Math.min(text.length(), from + 20));
        StringBuilder out = new StringBuilder();
        for (char c : part.toCharArray()) {
            out.append(c == GS ? "<GS>" : Character.isISOControl(c) ? "?" : String.valueOf(c));
        }
        return out.toString();
    }

    private static DatamatrixInsException error(Problem problem, String key, Object... args) {
        return new DatamatrixInsException(problem, Messages.get(key, args));
    }

    private enum Field {
        S1_MATRICULE(15, Problem.BAD_MATRICULE), S2_OID(0, Problem.BAD_OID), S3_FIRST_NAMES(0, Problem.BAD_NAME),
        S4_BIRTH_NAME(0, Problem.BAD_NAME), S5_SEX(1, Problem.BAD_SEX), S6_BIRTH_DATE(10, Problem.BAD_DATE),
        S7_BIRTHPLACE(5, Problem.BAD_BIRTHPLACE);

        final int length;
        final Problem problem;

        Field(int length, Problem problem) {
            this.length = length;
            this.problem = problem;
        }

        String label() {
            return Messages.get("dm.field." + name());
        }
    }
}
