package org.caducee.xds;

/**
 * A coded XDS attribute: {@code nodeRepresentation} (code), {@code codingScheme} (OID) and the display name
 * ({@code Name/LocalizedString}).
 */
public record XdsCode(String code, String codingScheme, String displayName) {

    public XdsCode {
        code = code == null ? "" : code.trim();
        codingScheme = codingScheme == null || codingScheme.isBlank() ? null : codingScheme.trim();
        displayName = displayName == null ? null : displayName.trim();
    }

    @Override
    public String toString() {
        return code + (codingScheme == null ? "" : " (" + codingScheme + ")") + (displayName == null ? "" : " " + displayName);
    }
}
