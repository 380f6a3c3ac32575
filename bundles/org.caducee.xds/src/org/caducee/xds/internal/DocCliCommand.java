package org.caducee.xds.internal;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.osgi.service.component.annotations.Component;

/** {@code doc import|versions|worklist}, added beside the built-in {@code doc list}. */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=doc")
public final class DocCliCommand implements CliCommand {

    @Override
    public String name() {
        return "doc";
    }

    @Override
    public Object command(CliContext context) {
        return new XdsCli.Doc();
    }
}
