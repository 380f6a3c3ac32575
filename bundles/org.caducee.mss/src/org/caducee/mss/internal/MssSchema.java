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

    /** The offline directory: the last imported public extract of MSSanté mailboxes, with normalised search keys. */
    private static final String DIRECTORY = """
            CREATE TABLE mss_directory_entry (
                line_no BIGINT NOT NULL PRIMARY KEY,
                mailbox VARCHAR(320) NOT NULL,
                mailbox_type VARCHAR(3) NOT NULL,
                rpps VARCHAR(30),
                national_id VARCHAR(30),
                last_name VARCHAR(200),
                first_name VARCHAR(200),
                profession VARCHAR(200),
                specialty VARCHAR(300),
                organisation VARCHAR(600),
                city VARCHAR(200),
                postal_code VARCHAR(10),
                k_last_name VARCHAR(200) NOT NULL,
                k_first_name VARCHAR(200) NOT NULL,
                k_profession VARCHAR(200) NOT NULL,
                k_specialty VARCHAR(300) NOT NULL,
                k_organisation VARCHAR(600) NOT NULL,
                k_city VARCHAR(200) NOT NULL
            );
            CREATE INDEX mss_directory_name ON mss_directory_entry (k_last_name, k_first_name);
            CREATE INDEX mss_directory_rpps ON mss_directory_entry (rpps);
            CREATE INDEX mss_directory_national ON mss_directory_entry (national_id);
            CREATE INDEX mss_directory_postal ON mss_directory_entry (postal_code);
            CREATE INDEX mss_directory_city ON mss_directory_entry (k_city);
            CREATE INDEX mss_directory_organisation ON mss_directory_entry (k_organisation);
            CREATE INDEX mss_directory_mailbox ON mss_directory_entry (mailbox);
            CREATE TABLE mss_directory_extract (
                id INTEGER NOT NULL PRIMARY KEY,
                file_name VARCHAR(500) NOT NULL,
                extract_date DATE NOT NULL,
                imported_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                entries INTEGER NOT NULL,
                skipped INTEGER NOT NULL,
                source_path VARCHAR(2000),
                source_size BIGINT,
                source_modified TIMESTAMP(3) WITH TIME ZONE
            )""";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(new Step(1, "messagerie MSSanté", TABLES.formatted("BLOB"), TABLES.formatted("BYTEA")),
                Step.of(2, "messagerie MSSanté : dossiers reçus et envoyés", FOLDERS),
                Step.of(3, "annuaire MSSanté hors ligne (extraction publique)", DIRECTORY));
    }
}
