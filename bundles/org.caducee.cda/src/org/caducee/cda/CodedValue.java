package org.caducee.cda;

/** An HL7 CD/CE: code, code system (OID) and display name (each may be {@code null}). */
public record CodedValue(String code, String codeSystem, String displayName) {
}
