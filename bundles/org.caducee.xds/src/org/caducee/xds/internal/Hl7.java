package org.caducee.xds.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import org.caducee.cda.CdaAuthor;
import org.caducee.cda.CdaOrganization;
import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;

/** HL7 v2 data types as XDS writes them (DTM, XCN, XON, CX, CE), and the SHA-1 of XDS. */
final class Hl7 {

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private Hl7() {
    }

    /** DTM in UTC, to the second. */
    static String dtm(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(DTM);
    }

    /** A CDA TS value ({@code 20240104150527+0100}) as an XDS DTM in UTC; {@code null} when unreadable. */
    static String dtm(String ts) {
        if (ts == null || ts.isBlank()) {
            return null;
        }
        String v = ts.trim();
        try {
            String digits = v.replaceAll("[+-]\\d{4}$", "");
            String offset = v.length() > digits.length() ? v.substring(digits.length()) : null;
            if (offset == null || digits.length() < 12) {
                return digits.replaceAll("\\..*$", "");
            }
            String padded = (digits.replaceAll("\\..*$", "") + "00000000000000").substring(0, 14);
            OffsetDateTime t = OffsetDateTime.of(Integer.parseInt(padded.substring(0, 4)), Integer.parseInt(padded.substring(4, 6)),
                    Integer.parseInt(padded.substring(6, 8)), Integer.parseInt(padded.substring(8, 10)),
                    Integer.parseInt(padded.substring(10, 12)), Integer.parseInt(padded.substring(12, 14)), 0,
                    ZoneOffset.of(offset.substring(0, 3) + ":" + offset.substring(3)));
            return dtm(t);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String sha1(byte[] content) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String urnUuid() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    /** An OID under {@code 2.25} (ITU-T X.667) from a fresh UUID, for generated unique ids. */
    static String uuidOid() {
        UUID u = UUID.randomUUID();
        java.math.BigInteger value = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    /** XCN of a professional: {@code id^FAMILY^Given^^^^^^&authority&ISO^D^^^IDNPS}. */
    static String xcn(CdaAuthor author) {
        InstanceId id = author.id();
        String idValue = id == null ? "" : id.extension() != null ? id.extension() : id.root();
        String authority = id == null || id.extension() == null ? "" : "&" + id.root() + "&ISO";
        String type = id != null && CdaAuthor.ID_NAT_OID.equals(id.root()) ? "IDNPS" : id == null ? "" : "EI";
        return esc(idValue) + "^" + esc(author.family()) + "^" + esc(author.given()) + "^^^" + esc(author.prefix()) + "^^^" + authority
                + "^D^^^" + type;
    }

    /** XON of an organization: {@code Name^^^^^&authority&ISO^IDNST^^^id}. */
    static String xon(CdaOrganization org) {
        if (org == null) {
            return null;
        }
        InstanceId id = org.id();
        if (id == null || id.extension() == null) {
            return esc(org.name()) + (id == null || id.root().isEmpty() ? "" : "^^^^^^^^^" + id.root());
        }
        return esc(org.name()) + "^^^^^&" + id.root() + "&ISO^IDNST^^^" + esc(id.extension());
    }

    /** CX of an identifier: {@code value^^^&authority&ISO^type}. */
    static String cx(InstanceId id, String type) {
        return esc(id.extension() == null ? id.root() : id.extension()) + "^^^&" + (id.extension() == null ? "" : id.root()) + "&ISO^"
                + type;
    }

    /** CE-like {@code code^display^codingScheme} of XDS slots (authorSpecialty, authorRole). */
    static String ce(CodedValue code) {
        if (code == null || code.code() == null) {
            return null;
        }
        return esc(code.code()) + "^" + esc(code.displayName()) + "^" + (code.codeSystem() == null ? "" : code.codeSystem());
    }

    /** Removes the HL7 v2 delimiters from a free text component. */
    static String esc(String s) {
        return s == null ? "" : s.replaceAll("[\\^&|~\\\\]", " ").trim();
    }

    /** The first component of a CX ({@code value^^^&oid&ISO^NH} → value), and its authority OID. */
    static String[] cxParts(String cx) {
        if (cx == null) {
            return new String[] {null, null};
        }
        String[] comps = cx.split("\\^", -1);
        String value = comps[0].trim();
        String authority = null;
        if (comps.length > 3) {
            String[] sub = comps[3].split("&", -1);
            authority = sub.length > 1 ? sub[1].trim() : null;
        }
        return new String[] {value, authority};
    }
}
