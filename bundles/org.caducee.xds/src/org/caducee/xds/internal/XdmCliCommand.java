package org.caducee.xds.internal;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.osgi.service.component.annotations.Component;

/** {@code xdm pack|verify|unpack}. */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=xdm")
public final class XdmCliCommand implements CliCommand {

    @Override
    public String name() {
        return "xdm";
    }

    @Override
    public Object command(CliContext context) {
        return new XdsCli.Xdm();
    }
}
