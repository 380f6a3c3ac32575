package org.caducee.cli.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.caducee.cli.CliCommand;

/** Where the command line gets its services and contributed commands: the OSGi registry, or fakes in tests. */
public interface ServiceSource {

    /** The service, waiting up to {@code timeout} for it to appear. */
    <S> Optional<S> get(Class<S> type, Duration timeout);

    /** The contributed commands currently registered. */
    List<CliCommand> commands();
}
