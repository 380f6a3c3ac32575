package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.caducee.core.document.Provenance;
import org.caducee.xds.ImportOutcome;
import org.caducee.xds.WorklistReason;
import org.caducee.xds.XdsException;
import org.caducee.xds.XdsException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or damaged archives: each one is refused with a French reason, goes to the worklist with its original bytes,
 * and nothing is written outside the extraction folder.
 */
class HostileXdmTest {

    @TempDir
    Path dir;

    private static final String CS9 = "CSE-CS9_2025.01";

    /** Imports and checks the refusal: worklist, invalid document, original bytes kept. */
    private static ImportOutcome refused(XdsFixture f, byte[] archive, String expected) {
        List<ImportOutcome> outcomes = f.imports.importFile("IHE_XDM.zip", archive, "test", Provenance.RECEIVED_MSSANTE, null);
        assertThat(outcomes).hasSize(1);
        ImportOutcome o = outcomes.get(0);
        assertThat(o.status()).as(o.message()).isEqualTo(ImportOutcome.Status.WORKLIST);
        assertThat(o.reason()).isEqualTo(WorklistReason.INVALID_DOCUMENT);
        assertThat(o.message()).contains(expected);
        assertThat(f.worklist.content(o.worklistId())).get().isEqualTo(archive);
        assertThat(f.documents.forPatient(f.decourcy.id())).isEmpty();
        return o;
    }

    private static Reason reasonOf(XdsFixture f, byte[] archive) {
        try {
            f.archives.read(archive);
        } catch (XdsException e) {
            return e.reason();
        }
        throw new AssertionError("archive accepted");
    }

    @Test
    void zipBombOfTenGigabytesIsRefusedWhileReading() throws Exception {
        byte[] bomb = zipBomb("IHE_XDM/SUBSET01/DOC0001.XML", 10L << 30);
        assertThat(bomb.length).isLessThan(40 << 20);
        try (XdsFixture f = new XdsFixture(dir, false)) {
            assertThat(reasonOf(f, bomb)).isEqualTo(Reason.ARCHIVE);
            refused(f, bomb, "L’archive IHE_XDM est refusée");
        }
    }

    @Test
    void entryNamesLeavingTheFolderAreRefusedAndNothingIsWritten() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            for (String name : List.of("../evil.txt", "IHE_XDM/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt", "IHE_XDM\\..\\evil.txt")) {
                LinkedHashMap<String, byte[]> entries = XdsFixture.unzip(XdsFixture.example(CS9));
                entries.put(name, "pwned".getBytes(StandardCharsets.UTF_8));
                byte[] archive = XdsFixture.zip(entries);
                Path target = Files.createDirectories(dir.resolve("out").resolve(Integer.toString(Math.abs(name.hashCode()))));
                assertThatThrownBy(() -> f.archives.extract(archive, target)).isInstanceOf(XdsException.class)
                        .hasMessageContaining("refusée");
                refused(f, archive, "refusée");
                try (Stream<Path> all = Files.walk(dir)) {
                    assertThat(all.filter(p -> p.getFileName().toString().equals("evil.txt"))).isEmpty();
                }
                try (Stream<Path> left = Files.list(target)) {
                    assertThat(left).as(name).isEmpty();
                }
            }
            assertThat(Files.exists(Path.of("/tmp/evil.txt"))).isFalse();
        }
    }

    @Test
    void wrongHashIsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] archive = XdsFixture.withMetadata(XdsFixture.example(CS9), m -> m.replaceFirst("(<ns2:Value>)([0-9A-F]{40})(</ns2:Value>)",
                    "$10000000000000000000000000000000000000000$3"));
            assertThat(reasonOf(f, archive)).isEqualTo(Reason.INTEGRITY);
            refused(f, archive, "empreinte SHA-1 annoncée");
        }
    }

    @Test
    void wrongSizeIsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] archive = XdsFixture.withMetadata(XdsFixture.example(CS9), m -> m.replaceFirst("<ns2:Slot name=\"size\">(\\s*)<ns2:ValueList>(\\s*)<ns2:Value>\\d+",
                    "<ns2:Slot name=\"size\">$1<ns2:ValueList>$2<ns2:Value>12"));
            assertThat(reasonOf(f, archive)).isEqualTo(Reason.INTEGRITY);
            refused(f, archive, "taille annoncée 12 octets");
        }
    }

    @Test
    void aDocumentWhoseBodyIsNotWellFormedIsRefusedEvenWithoutValidationWhenItsHeaderWasReadAlone() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            LinkedHashMap<String, byte[]> entries = XdsFixture.unzip(XdsFixture.example(CS9));
            byte[] cda = entries.get("IHE_XDM/SUBSET01/DOC0001.XML");
            String text = XdsFixture.utf8(cda);
            byte[] broken = text.substring(0, text.lastIndexOf("</ClinicalDocument>")).getBytes(StandardCharsets.UTF_8);
            entries.put("IHE_XDM/SUBSET01/DOC0001.XML", broken);
            String oldHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(cda));
            String newHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(broken));
            String metadataName = "IHE_XDM/SUBSET01/METADATA.XML";
            String metadata = XdsFixture.utf8(entries.get(metadataName)).replaceAll("(?i)" + oldHash, newHash.toUpperCase(java.util.Locale.ROOT))
                    .replace("<ns2:Value>" + cda.length + "</ns2:Value>", "<ns2:Value>" + broken.length + "</ns2:Value>");
            entries.put(metadataName, metadata.getBytes(StandardCharsets.UTF_8));
            byte[] archive = XdsFixture.zip(entries);
            // the MSSanté path: archive already read by SafeZip, CDA headers read up to the body only
            List<ImportOutcome> outcomes = f.imports.prepareFile("IHE_XDM.zip", archive,
                    org.caducee.security.zip.SafeZip.read(archive, org.caducee.security.zip.ZipLimits.defaults()), "test", Provenance.RECEIVED_MSSANTE,
                    null).apply();
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.status()).as(o.message()).isEqualTo(ImportOutcome.Status.WORKLIST);
                assertThat(o.reason()).isEqualTo(WorklistReason.INVALID_DOCUMENT);
                assertThat(o.message()).startsWith("Le document est illisible");
            });
            assertThat(f.documents.forPatient(f.decourcy.id())).isEmpty();
        }
    }

    @Test
    void alteredDocumentIsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            LinkedHashMap<String, byte[]> entries = XdsFixture.unzip(XdsFixture.example(CS9));
            byte[] cda = entries.get("IHE_XDM/SUBSET01/DOC0001.XML").clone();
            int at = XdsFixture.utf8(cda).indexOf("DECOURCY");
            cda[at] = 'X';
            entries.put("IHE_XDM/SUBSET01/DOC0001.XML", cda);
            refused(f, XdsFixture.zip(entries), "a été altéré");
        }
    }

    @Test
    void metadataForAnotherPatientThanTheCdaIsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] archive = XdsFixture.withMetadata(XdsFixture.example(CS9), m -> m.replace("221042545611404^^^", "279035121518989^^^"));
            assertThat(reasonOf(f, archive)).isEqualTo(Reason.PATIENT_MISMATCH);
            refused(f, archive, "désignent le patient « 279035121518989");
        }
    }

    @Test
    void truncatedArchiveIsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            byte[] full = XdsFixture.example(CS9);
            for (int cut : new int[] {full.length / 2, full.length - 200, 40}) {
                byte[] archive = Arrays.copyOf(full, cut);
                refused(f, archive, "");
                assertThat(reasonOf(f, archive)).as("cut at " + cut).isIn(Reason.ARCHIVE, Reason.METADATA, Reason.MISSING_DOCUMENT);
            }
        }
    }

    @Test
    void metadataThatIsNotUtf8IsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            LinkedHashMap<String, byte[]> entries = XdsFixture.unzip(XdsFixture.example(CS9));
            String m = XdsFixture.utf8(entries.get("IHE_XDM/SUBSET01/METADATA.XML"));
            entries.put("IHE_XDM/SUBSET01/METADATA.XML", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + m.strip())
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] archive = XdsFixture.zip(entries);
            assertThat(reasonOf(f, archive)).isEqualTo(Reason.METADATA);
            refused(f, archive, "METADATA.XML");
        }
    }

    @Test
    void externalEntitiesAndDtdInMetadataAreRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
            byte[] xxe = XdsFixture.withMetadata(XdsFixture.example(CS9), m -> "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
                    + secret.toUri() + "\">]>" + m.strip().replace("Deuxième certificat", "&x;"));
            assertThat(reasonOf(f, xxe)).isEqualTo(Reason.METADATA);
            ImportOutcome o = refused(f, xxe, "METADATA.XML");
            assertThat(o.message()).doesNotContain("SECRET");
            byte[] laughs = XdsFixture.withMetadata(XdsFixture.example(CS9), m -> "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                    + m.strip().replace("Deuxième certificat", "&c;"));
            refused(f, laughs, "METADATA.XML");
        }
    }

    @Test
    void archiveWithoutMetadataIsRefused() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            LinkedHashMap<String, byte[]> entries = XdsFixture.unzip(XdsFixture.example(CS9));
            entries.remove("IHE_XDM/SUBSET01/METADATA.XML");
            refused(f, XdsFixture.zip(entries), "METADATA.XML introuvable");
        }
    }

    @Test
    void realWorldVariantsAreAccepted() throws Exception {
        try (XdsFixture f = new XdsFixture(dir, false)) {
            LinkedHashMap<String, byte[]> official = XdsFixture.unzip(XdsFixture.example(CS9));
            LinkedHashMap<String, byte[]> variant = new LinkedHashMap<>();
            // lower-case names, five-digit numbering, no INDEX.HTM nor README.TXT, a second subset
            variant.put("ihe_xdm/subset01/doc00001.xml", official.get("IHE_XDM/SUBSET01/DOC0001.XML"));
            variant.put("ihe_xdm/subset01/metadata.xml", XdsFixture.utf8(official.get("IHE_XDM/SUBSET01/METADATA.XML"))
                    .replace(">DOC0001.XML<", ">DOC00001.XML<").getBytes(StandardCharsets.UTF_8));
            LinkedHashMap<String, byte[]> vsm = XdsFixture.unzip(XdsFixture.example("CSE-CS24_2025.01"));
            variant.put("IHE_XDM/SUBSET02/DOC0001.XML", vsm.get("IHE_XDM/SUBSET01/DOC0001.XML"));
            variant.put("IHE_XDM/SUBSET02/METADATA.XML", vsm.get("IHE_XDM/SUBSET01/METADATA.XML"));
            byte[] archive = XdsFixture.zip(variant);
            var content = f.archives.read(archive);
            assertThat(content.subsets()).hasSize(2);
            assertThat(content.documents()).hasSize(2);
            assertThat(content.notes()).anyMatch(n -> n.contains("README.TXT")).anyMatch(n -> n.contains("INDEX.HTM"))
                    .anyMatch(n -> n.contains("minuscules")).anyMatch(n -> n.contains("DOC00001.XML"));
            List<ImportOutcome> outcomes = f.imports.importFile("ihe_xdm.zip", archive, "test", Provenance.RECEIVED_MSSANTE, null);
            assertThat(outcomes).extracting(ImportOutcome::status).containsExactly(ImportOutcome.Status.STORED, ImportOutcome.Status.STORED);
        }
    }

    /**
     * A ZIP whose single entry inflates to {@code expanded} bytes of zeros, built in memory from one compressed block
     * repeated (a full flush resets the compressor, so every 1 MiB of zeros compresses to the same bytes).
     */
    static byte[] zipBomb(String name, long expanded) throws IOException {
        int chunk = 1 << 20;
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[chunk];
        byte[] block = deflate(deflater, zeros, Deflater.FULL_FLUSH);
        byte[] second = deflate(deflater, zeros, Deflater.FULL_FLUSH);
        assertThat(second).isEqualTo(block);
        deflater.setInput(new byte[0]);
        deflater.finish();
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        while (!deflater.finished()) {
            end.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        long blocks = expanded / chunk;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (blocks * block.length + 1024));
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        // local file header, sizes in the data descriptor (general purpose flag bit 3)
        le32(out, 0x04034b50);
        le16(out, 20);
        le16(out, 0x0808);
        le16(out, 8);
        le16(out, 0);
        le16(out, 0);
        le32(out, 0);
        le32(out, 0);
        le32(out, 0);
        le16(out, nameBytes.length);
        le16(out, 0);
        out.write(nameBytes);
        for (long i = 0; i < blocks; i++) {
            out.write(block);
        }
        out.write(end.toByteArray());
        le32(out, 0x08074b50);
        le32(out, (int) new CRC32().getValue());
        le32(out, (int) (blocks * block.length));
        le32(out, (int) expanded);
        // central directory and its end record, so that the archive is complete (not refused as truncated)
        int centralStart = out.size();
        le32(out, 0x02014b50);
        le16(out, 20);
        le16(out, 20);
        le16(out, 0x0808);
        le16(out, 8);
        le16(out, 0);
        le16(out, 0);
        le32(out, (int) new CRC32().getValue());
        le32(out, (int) (blocks * block.length));
        le32(out, (int) expanded);
        le16(out, nameBytes.length);
        le16(out, 0);
        le16(out, 0);
        le16(out, 0);
        le16(out, 0);
        le32(out, 0);
        le32(out, 0);
        out.write(nameBytes);
        int centralSize = out.size() - centralStart;
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, 1);
        le16(out, 1);
        le32(out, centralSize);
        le32(out, centralStart);
        le16(out, 0);
        return out.toByteArray();
    }

    private static byte[] deflate(Deflater deflater, byte[] input, int flush) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, flush);
            out.write(buf, 0, n);
        } while (n == buf.length || !deflater.needsInput());
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xffff);
        le16(out, (v >>> 16) & 0xffff);
    }
}
