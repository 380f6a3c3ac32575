package org.caducee.cli.internal;

import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.audit.AuditTrail;
import org.caducee.core.audit.AuditVerification;

import picocli.CommandLine.Command;

/** {@code audit verify}. */
@Command(name = "audit", description = "Journal d’audit.", subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", description = "Vérifie le chaînage du journal d’audit ; code de sortie 1 si une entrée a été altérée.")
    static final class Verify implements Callable<Integer> {
        private final CliContext context;

        Verify(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AuditVerification verification = context.service(AuditTrail.class).verify();
            if (verification.intact()) {
                context.result(Documents.verification(verification), Messages.get("audit.intact", verification.checked()));
                return 0;
            }
            context.result(Documents.verification(verification), null);
            throw new CliException(CliException.FAILURE,
                    Messages.get("audit.broken", verification.firstBrokenSequence(), Documents.nz(verification.reason()), verification.checked()));
        }
    }
}
