package org.caducee.cda.write;

import java.util.List;
import java.util.Objects;

/** What the body of a document carries: free text (N1: the PDF copy is the body) or a structured N3 body. */
public sealed interface DocumentContent {

    /** Free text, one string per paragraph: written as an N1 document whose body is the PDF/A-1 copy. */
    record Unstructured(List<String> paragraphs) implements DocumentContent {
        public Unstructured {
            paragraphs = List.copyOf(paragraphs);
        }
    }

    /** An N3 body produced by a volet template from its own content object. */
    record Structured<C>(CdaBodyTemplate<C> template, C data) implements DocumentContent {
        public Structured {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(data, "data");
        }

        /** The sections of this body, for the given document. */
        public List<CdaSection> sections(CdaDocument document) {
            return template.sections(data, document);
        }
    }
}
