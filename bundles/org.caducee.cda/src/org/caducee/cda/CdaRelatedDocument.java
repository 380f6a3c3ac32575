package org.caducee.cda;

/**
 * {@code relatedDocument}: a new version ({@code RPLC}), an addendum ({@code APND}) or a transformation
 * ({@code XFRM}) of the parent document.
 */
public record CdaRelatedDocument(String typeCode, InstanceId parentId, InstanceId parentSetId, Integer parentVersionNumber) {

    public boolean replaces() {
        return "RPLC".equals(typeCode);
    }
}
