package org.caducee.cda.write;

import java.util.List;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;

/**
 * One section of an N3 body: templateIds, id, code, title, the narrative block (what a human reads, also in the PDF)
 * and the coded entries.
 */
public record CdaSection(List<InstanceId> templateIds, InstanceId id, CodedValue code, String title, SectionText text,
        List<CdaEntry> entries) {

    public CdaSection {
        templateIds = List.copyOf(templateIds);
        entries = List.copyOf(entries);
    }
}
