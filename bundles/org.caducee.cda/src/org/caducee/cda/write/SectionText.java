package org.caducee.cda.write;

import java.util.List;

/**
 * The narrative block of a section: paragraphs and at most one table. A cell with an {@code id} can be referenced by
 * an entry ({@code #id}).
 */
public record SectionText(List<String> paragraphs, List<String> headers, List<List<Cell>> rows) {

    public SectionText {
        paragraphs = List.copyOf(paragraphs);
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static SectionText of(String... paragraphs) {
        return new SectionText(List.of(paragraphs), List.of(), List.of());
    }

    public static SectionText table(List<String> headers, List<List<Cell>> rows) {
        return new SectionText(List.of(), headers, rows);
    }

    /** A table cell; {@code id} may be {@code null}. */
    public record Cell(String text, String id) {
        public static Cell of(String text) {
            return new Cell(text, null);
        }
    }
}
