package org.caducee.outbox.internal;

import java.util.List;

import org.caducee.store.SchemaMigrations;
import org.osgi.service.component.annotations.Component;

/** Table of the outbox. The payload is a CLOB on H2 and TEXT on PostgreSQL; everything else is common SQL. */
@Component(service = SchemaMigrations.class, property = "module=outbox")
public class OutboxSchema implements SchemaMigrations {

    public static final String MODULE = "outbox";

    private static final String TABLE = """
            CREATE TABLE caducee_outbox (
                id UUID NOT NULL PRIMARY KEY,
                channel VARCHAR(64) NOT NULL,
                idempotency_key VARCHAR(512) NOT NULL,
                description VARCHAR(1000) NOT NULL,
                payload %s,
                state VARCHAR(16) NOT NULL,
                not_before TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                attempts INTEGER DEFAULT 0 NOT NULL,
                last_error VARCHAR(4000),
                claimed_by VARCHAR(200),
                created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT caducee_outbox_key UNIQUE (channel, idempotency_key)
            );
            CREATE INDEX caducee_outbox_due ON caducee_outbox (channel, state, not_before);
            CREATE INDEX caducee_outbox_created ON caducee_outbox (created_at)""";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Step> steps() {
        return List.of(new Step(1, "file d'envoi durable", TABLE.formatted("CLOB"), TABLE.formatted("TEXT")));
    }
}
