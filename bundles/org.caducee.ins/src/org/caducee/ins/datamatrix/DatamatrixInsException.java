package org.caducee.ins.datamatrix;

/**
 * The content read from a Datamatrix INS cannot be used. The message, in French, tells the user what is wrong;
 * {@link #problem()} tells the program.
 */
public final class DatamatrixInsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the content. */
    public enum Problem {
        /** Nothing was read. */
        EMPTY,
        /** The image file cannot be read (missing, not an image, too large). */
        IMAGE_UNREADABLE,
        /** The image holds no Datamatrix that could be decoded. */
        NO_CODE_IN_IMAGE,
        /** More characters than a Datamatrix INS can hold. */
        TOO_LONG,
        /** The content does not start with the {@code IS01} header followed by zeros. */
        BAD_HEADER,
        /** The scanner typed the digits with the wrong keyboard layout (AZERTY/QWERTY). */
        KEYBOARD_LAYOUT,
        /** Characters that are not a field identifier {@code S1}…{@code S7} where one is expected. */
        GARBAGE,
        /** A field appears twice. */
        DUPLICATE_FIELD,
        /** A mandatory field is absent. */
        MISSING_FIELD,
        /** The matricule INS (S1) is malformed. */
        BAD_MATRICULE,
        /** The OID (S2) is malformed or not an INS OID. */
        BAD_OID,
        /** A name (S3 or S4) is empty or malformed. */
        BAD_NAME,
        /** The sex (S5) is neither M nor F. */
        BAD_SEX,
        /** The birth date (S6) is not a real JJ-MM-AAAA date. */
        BAD_DATE,
        /** The birthplace (S7) is not a 5-character INSEE code. */
        BAD_BIRTHPLACE
    }

    private final Problem problem;

    public DatamatrixInsException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
