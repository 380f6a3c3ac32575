package org.caducee.mss.internal;

import java.util.List;

import org.caducee.store.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Tables of the MSSanté bundle: outgoing messages (raw MIME, sent once), correspondents' choices, received messages. */
@Component(service = SchemaMigrations.class, property = "module=mss")
public class MssSchema implements SchemaMigrations {

    public static final String MODULE = "mss";

    private static final String TABLES = """
            CREATE TABLE mss_outgoing (
                message_id VARCHAR(300) NOT NULL PRIMARY KEY,
                recipients VARCHAR(4000) NOT NULL,
                subject VARCHAR(1000) NOT NULL,
                raw %1$s NOT NULL,
                state VARCHAR(16) NOT NULL,
                patient_ref VARCHAR(100),
                created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                sent_at TIMESTAMP(3) WITH TIME ZONE
            );
            CREATE TABLE mss_correspondent (
                address VARCHAR(320) NOT NULL PRIMARY KEY,
                pdf_only BOOLEAN NOT NULL,
                updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
            );
            CREATE TABLE mss_received (
                id UUID NOT NULL PRIMARY KEY,
                message_id VARCHAR(300) NOT NULL,
                sender VARCHAR(320),
                from_patient BOOLEAN NOT NULL,
                subject VARCHAR(1000),
                status VARCHAR(24) NOT NULL,
                error_code INTEGER,
                reason VARCHAR(4000),
                attachments VARCHAR(4000),
                raw %1$s NOT NULL,
                received_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT mss_received_message UNIQUE (message_id)
            );
            CREATE INDEX mss_received_status ON mss_received (status, received_at)""";

    /** What the user interface shows: the patient and documents of a received message, updates/deletions it applied; the document and outbox item of a sent one. */
    private static final String FOLDERS = """
            ALTER TABLE mss_received ADD COLUMN patient_id UUID;
            ALTER TABLE mss_received ADD COLUMN document_ids VARCHAR(4000);
            ALTER TABLE mss_received ADD COLUMN notice VARCHAR(4000);
            ALTER TABLE mss_outgoing ADD COLUMN document_id UUID;
            ALTER TABLE mss_outgoing ADD COLUMN outbox_id UUID;
            CREATE INDEX mss_received_patient ON mss_received (patient_id);
            CREATE INDEX mss_outgoing_patient ON mss_outgoing (patient_ref)""";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(new Step(1, "messagerie MSSanté", TABLES.formatted("BLOB"), TABLES.formatted("BYTEA")),
                Step.of(2, "messagerie MSSanté : dossiers reçus et envoyés", FOLDERS));
    }
}
