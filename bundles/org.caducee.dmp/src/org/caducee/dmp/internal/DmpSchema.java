package org.caducee.dmp.internal;

import java.util.List;

import org.caducee.store.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Tables of the DMP bundle (module {@code dmp}). Released steps never change; add new ones. */
@Component(service = SchemaMigrations.class)
public final class DmpSchema implements SchemaMigrations {

    public static final String MODULE = "dmp";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.of(1, "DMP authorisations and information notice acknowledgements", """
                CREATE TABLE dmp_authorization (
                  patient_id VARCHAR(36) NOT NULL,
                  national_id VARCHAR(32) NOT NULL,
                  authorized_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  PRIMARY KEY (patient_id, national_id)
                );
                CREATE TABLE dmp_notice (
                  login VARCHAR(100) PRIMARY KEY,
                  acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL
                );
                """), Step.of(2, "Documents registered in the DMP (uniqueId, entryUUID for RPLC)", """
                CREATE TABLE dmp_feed (
                  unique_id VARCHAR(128) PRIMARY KEY,
                  document_id VARCHAR(36) NOT NULL,
                  entry_uuid VARCHAR(64) NOT NULL,
                  sent_at TIMESTAMP WITH TIME ZONE NOT NULL
                );
                CREATE INDEX dmp_feed_document ON dmp_feed (document_id);
                """), Step.of(3, "Consultations of a patient's DMP by each professional (new documents since the last one)", """
                CREATE TABLE dmp_visit (
                  patient_id VARCHAR(36) NOT NULL,
                  national_id VARCHAR(32) NOT NULL,
                  visited_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  PRIMARY KEY (patient_id, national_id)
                );
                """), Step.of(4, "Documents each professional was shown in a patient's DMP (new = not shown before, whatever their dates)", """
                CREATE TABLE dmp_seen (
                  patient_id VARCHAR(36) NOT NULL,
                  national_id VARCHAR(32) NOT NULL,
                  unique_id VARCHAR(128) NOT NULL,
                  seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  PRIMARY KEY (patient_id, national_id, unique_id)
                );
                ALTER TABLE dmp_visit ADD COLUMN seen_recorded BOOLEAN DEFAULT FALSE NOT NULL;
                """));
    }
}
