package org.caducee.cda.write;

import java.util.List;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;

/**
 * A CI-SIS volet: how one kind of content becomes an N3 body. Later bundles implement it (CR-BIO reading, note de
 * vaccination, CS9/CS24, Mesures de l'enfant, synthèse médicale…); the writer adds the header, the generic
 * templateIds and, when {@link #embedsPdf()}, the section carrying the PDF copy of the document.
 *
 * @param <C> the content object of the volet
 */
public interface CdaBodyTemplate<C> {

    /** Volet-specific document templateIds (the writer adds the CI-SIS and HL7 France ones). */
    List<InstanceId> templateIds();

    /** The document type the volet imposes (ClinicalDocument/code). */
    CodedValue documentCode();

    /** Whether the volet asks for the PDF copy of the document inside the N3 body. */
    default boolean embedsPdf() {
        return false;
    }

    /** The body sections, in order. */
    List<CdaSection> sections(C content, CdaDocument document);
}
