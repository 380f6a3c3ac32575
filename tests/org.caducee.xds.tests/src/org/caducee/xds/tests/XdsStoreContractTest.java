package org.caducee.xds.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.DuplicateDocumentException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.testing.TestDatabase;
import org.caducee.xds.StoredVersion;
import org.caducee.xds.WorklistItem;
import org.caducee.xds.WorklistReason;
import org.caducee.xds.internal.DocumentVersionsImpl;
import org.caducee.xds.internal.WorklistImpl;
import org.caducee.xds.internal.XdsSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The xds tables on H2 and, when {@code caducee.test.pg.url} is set, on PostgreSQL. */
class XdsStoreContractTest {

    @TempDir
    Path dir;

    @Test
    void h2() {
        try (TestDatabase db = TestDatabase.h2(dir)) {
            contract(db);
        }
    }

    @Test
    void postgresql() {
        try (TestDatabase db = TestDatabase.postgresql()) {
            contract(db);
        }
    }

    private static void contract(TestDatabase db) {
        XdsSchema schema = new XdsSchema();
        db.migrate(schema);
        InMemoryDocuments documents = new InMemoryDocuments();
        DocumentVersionsImpl versions = new DocumentVersionsImpl(db, documents, TestDatabase.schemaReady(schema));
        WorklistImpl worklist = new WorklistImpl(db, TestDatabase.schemaReady(schema));
        UUID patient = UUID.randomUUID();
        byte[] content = "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8);
        StoredVersion v = versions.store(record(patient, "1.2.3^a", 1), content, "text/xml", "CDA", "test");
        assertThat(versions.content(v.documentId())).get().isEqualTo(content);
        assertThatThrownBy(() -> versions.store(record(patient, "1.2.3^b", 1), content, "text/xml", "CDA", "test"))
                .isInstanceOf(DuplicateDocumentException.class).hasMessageContaining("version 1");
        versions.store(record(patient, "1.2.3^c", 2), content, "text/xml", "CDA", "test");
        assertThat(versions.versions("set")).extracting(StoredVersion::versionNumber).containsExactly(2, 1);
        assertThat(versions.markDeleted("1.2.3^a", "1.2.3^c")).get().matches(StoredVersion::deleted);
        assertThat(documents.findByUniqueId("1.2.3^b")).isEmpty();

        WorklistItem item = worklist.add(WorklistReason.NO_INS, "Sans INS", "mail", "IHE_XDM.zip", content, null, null, null, null);
        assertThat(worklist.open()).extracting(WorklistItem::id).containsExactly(item.id());
        assertThat(worklist.content(item.id())).get().isEqualTo(content);
        worklist.close(item.id());
        assertThat(worklist.open()).isEmpty();
        assertThat(worklist.content(item.id())).get().isEqualTo(content);
    }

    private static HealthDocument record(UUID patient, String uniqueId, int version) {
        return new HealthDocument(UUID.randomUUID(), patient, uniqueId, "set", version, "11488-4", null, "Titre", OffsetDateTime.now(), null,
                DocumentFormat.CDA_N3, Provenance.IMPORTED_FILE, null, null, null);
    }
}
