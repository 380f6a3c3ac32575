package org.caducee.ins.matching;

/** INSi result codes ({@code CR/CodeCR}). */
public enum InsiAnswer {
    /** {@code 00}: exactly one identity. */
    FOUND("00"),
    /** {@code 01}: no identity. */
    NONE("01"),
    /** {@code 02}: several identities, refine the search. */
    SEVERAL("02");

    private final String code;

    InsiAnswer(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The answer for a CodeCR, or empty for an unknown code. */
    public static java.util.Optional<InsiAnswer> fromCode(String code) {
        for (InsiAnswer a : values()) {
            if (a.code.equals(code == null ? null : code.trim())) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }
}
