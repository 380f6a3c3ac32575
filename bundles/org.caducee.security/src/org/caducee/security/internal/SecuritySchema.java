package org.caducee.security.internal;

import java.util.List;

import org.caducee.store.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Tables of the security bundle: accounts, password history, security settings and the hash-chained audit trail. Same SQL on H2 and PostgreSQL. */
@Component(service = SchemaMigrations.class, property = "module=security")
public class SecuritySchema implements SchemaMigrations {

    public static final String MODULE = "security";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.of(1, "comptes utilisateurs", """
                CREATE TABLE caducee_user (
                    login VARCHAR(64) NOT NULL PRIMARY KEY,
                    display_name VARCHAR(200) NOT NULL,
                    roles VARCHAR(200) NOT NULL,
                    rpps VARCHAR(11),
                    active BOOLEAN NOT NULL,
                    password_hash VARCHAR(300) NOT NULL,
                    failed_attempts INTEGER DEFAULT 0 NOT NULL,
                    locked_until TIMESTAMP(3) WITH TIME ZONE,
                    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                    password_changed_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
                )"""),
                Step.of(2, "journal d'audit chaîné", """
                        CREATE TABLE caducee_audit (
                            seq BIGINT NOT NULL PRIMARY KEY,
                            recorded_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                            actor VARCHAR(200) NOT NULL,
                            action VARCHAR(200) NOT NULL,
                            subject VARCHAR(500) NOT NULL,
                            detail VARCHAR(4000) NOT NULL,
                            prev_hash CHAR(64) NOT NULL,
                            hash CHAR(64) NOT NULL,
                            CONSTRAINT caducee_audit_prev_unique UNIQUE (prev_hash)
                        );
                        CREATE INDEX caducee_audit_subject ON caducee_audit (subject, seq);
                        CREATE TABLE caducee_audit_head (
                            id INTEGER NOT NULL PRIMARY KEY,
                            last_seq BIGINT NOT NULL,
                            last_hash CHAR(64) NOT NULL
                        );
                        INSERT INTO caducee_audit_head (id, last_seq, last_hash)
                            VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')"""),
                Step.of(3, "politique de mots de passe : historique, verrouillages, réglages", """
                        ALTER TABLE caducee_user ADD COLUMN must_change BOOLEAN DEFAULT FALSE NOT NULL;
                        ALTER TABLE caducee_user ADD COLUMN lockouts INTEGER DEFAULT 0 NOT NULL;
                        ALTER TABLE caducee_user ADD COLUMN admin_locked BOOLEAN DEFAULT FALSE NOT NULL;
                        CREATE TABLE caducee_password_history (
                            login VARCHAR(64) NOT NULL,
                            changed_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                            password_hash VARCHAR(300) NOT NULL
                        );
                        CREATE INDEX caducee_password_history_login ON caducee_password_history (login, changed_at);
                        CREATE TABLE caducee_security_setting (
                            name VARCHAR(100) NOT NULL PRIMARY KEY,
                            setting_value VARCHAR(400) NOT NULL
                        )"""));
    }
}
