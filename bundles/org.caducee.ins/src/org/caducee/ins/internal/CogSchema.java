package org.caducee.ins.internal;

import java.util.List;

import org.caducee.store.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Tables of the INS bundle (module {@code ins}): the COG referential, the INS history and the verification schedule. Released steps never change; add new ones. */
@Component(service = SchemaMigrations.class)
public final class CogSchema implements SchemaMigrations {

    public static final String MODULE = "ins";

    private static final String QUALIFICATION = """
            CREATE TABLE ins_history (
              patient_id VARCHAR(36) NOT NULL,
              matricule VARCHAR(15) NOT NULL,
              oid VARCHAR(40) NOT NULL,
              active BOOLEAN NOT NULL,
              recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
              PRIMARY KEY (patient_id, matricule, oid)
            );
            CREATE TABLE ins_verification (
              patient_id VARCHAR(36) PRIMARY KEY,
              matricule VARCHAR(15) NOT NULL,
              nia BOOLEAN NOT NULL,
              verified_at TIMESTAMP WITH TIME ZONE NOT NULL,
              last_result VARCHAR(500)
            );
            CREATE INDEX ins_verification_due ON ins_verification (verified_at)
            """;

    private static final String COG = """
            CREATE TABLE ins_cog_import (
              id INT PRIMARY KEY,
              cog_year INT NOT NULL,
              source VARCHAR(500) NOT NULL,
              place_rows INT NOT NULL,
              event_rows INT NOT NULL,
              imported_at TIMESTAMP WITH TIME ZONE NOT NULL
            );
            CREATE TABLE ins_cog_place (
              code VARCHAR(5) NOT NULL,
              valid_from DATE NOT NULL,
              valid_to DATE,
              kind VARCHAR(24) NOT NULL,
              name VARCHAR(200) NOT NULL,
              name_key VARCHAR(200) %1$s NOT NULL,
              alt_key VARCHAR(200) %1$s NOT NULL,
              department VARCHAR(3),
              parent_code VARCHAR(5),
              PRIMARY KEY (code, valid_from)
            );
            CREATE INDEX ins_cog_place_name ON ins_cog_place (name_key);
            CREATE INDEX ins_cog_place_alt ON ins_cog_place (alt_key);
            CREATE TABLE ins_cog_event (
              id INT PRIMARY KEY,
              change_type VARCHAR(2) NOT NULL,
              effective DATE NOT NULL,
              type_before VARCHAR(4),
              code_before VARCHAR(5),
              name_before VARCHAR(200),
              type_after VARCHAR(4),
              code_after VARCHAR(5),
              name_after VARCHAR(200)
            );
            CREATE INDEX ins_cog_event_before ON ins_cog_event (code_before, effective);
            CREATE INDEX ins_cog_event_after ON ins_cog_event (code_after, effective);
            """;

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(new Step(1, "Référentiel COG de l’INSEE", COG.formatted(""), COG.formatted("COLLATE \"C\"")),
                Step.of(2, "Historique des INS et vérifications périodiques INSi", QUALIFICATION));
    }
}
