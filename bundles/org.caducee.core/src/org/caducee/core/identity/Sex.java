package org.caducee.core.identity;

/** Administrative sex as the INS reference traits carry it (M, F) plus undetermined for provisional identities. */
public enum Sex {
    MALE("M"), FEMALE("F"), UNDETERMINED("I");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    /** The code used by INSi and CDA ({@code M}, {@code F}, {@code I}). */
    public String code() {
        return code;
    }

    public static Sex fromCode(String code) {
        for (Sex sex : values()) {
            if (sex.code.equalsIgnoreCase(code)) {
                return sex;
            }
        }
        throw new IllegalArgumentException("Unknown sex code: " + code);
    }
}
