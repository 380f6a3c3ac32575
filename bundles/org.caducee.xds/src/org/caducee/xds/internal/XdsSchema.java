package org.caducee.xds.internal;

import java.util.List;

import org.caducee.store.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/**
 * Tables of the XDS bundle (module {@value #MODULE}): the register of received document versions with their bytes and
 * provenance (a deleted version is marked, never erased), and the worklist. Released steps never change; add new ones.
 */
@Component(service = SchemaMigrations.class)
public final class XdsSchema implements SchemaMigrations {

    public static final String MODULE = "xds";

    private static final String TABLES = """
            CREATE TABLE xds_document (
              document_id UUID PRIMARY KEY,
              patient_id UUID NOT NULL,
              unique_id VARCHAR(200) NOT NULL,
              set_id VARCHAR(200) NOT NULL,
              version_number INTEGER NOT NULL,
              hash VARCHAR(40) NOT NULL,
              size_bytes BIGINT NOT NULL,
              mime_type VARCHAR(100) NOT NULL,
              source VARCHAR(20) NOT NULL,
              origin VARCHAR(1000),
              content %1$s NOT NULL,
              imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
              deleted_at TIMESTAMP WITH TIME ZONE,
              deleted_by VARCHAR(200),
              CONSTRAINT xds_document_unique_id UNIQUE (unique_id),
              CONSTRAINT xds_document_set_version UNIQUE (set_id, version_number)
            );
            CREATE INDEX xds_document_set ON xds_document (set_id, version_number);
            CREATE TABLE xds_worklist (
              id UUID PRIMARY KEY,
              received_at TIMESTAMP WITH TIME ZONE NOT NULL,
              reason VARCHAR(30) NOT NULL,
              detail VARCHAR(4000) NOT NULL,
              origin VARCHAR(1000),
              file_name VARCHAR(500),
              unique_id VARCHAR(200),
              set_id VARCHAR(200),
              version_number INTEGER,
              patient VARCHAR(500),
              content %1$s NOT NULL,
              open_item BOOLEAN NOT NULL,
              closed_at TIMESTAMP WITH TIME ZONE
            );
            CREATE INDEX xds_worklist_open ON xds_worklist (open_item, received_at);
            """;

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(new Step(1, "Versions des documents reçus et liste de travail", TABLES.formatted("BLOB"), TABLES.formatted("BYTEA")));
    }
}
