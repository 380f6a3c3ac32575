package org.caducee.xds;

import java.util.List;

/**
 * A read and verified IHE_XDM archive. {@code notes} lists tolerated deviations from the IHE layout (missing
 * INDEX.HTM/README.TXT, lower-case names, five-digit numbering…), in French.
 */
public record XdmContent(List<XdmSubset> subsets, String readme, List<String> notes) {

    public XdmContent {
        subsets = List.copyOf(subsets);
        notes = List.copyOf(notes);
    }

    /** Every document of every subset, in archive order. */
    public List<XdmDocument> documents() {
        return subsets.stream().flatMap(s -> s.documents().stream()).toList();
    }
}
