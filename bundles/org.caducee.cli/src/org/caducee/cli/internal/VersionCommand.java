package org.caducee.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.Command;

/** {@code version}: never waits for the store. */
@Command(name = "version", description = "Affiche la version de Caducée et de Java.")
final class VersionCommand implements Callable<Integer> {

    private final CliContext context;

    VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Bundle bundle = FrameworkUtil.getBundle(VersionCommand.class);
        String version = bundle == null ? "dev" : bundle.getVersion().toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("java", System.getProperty("java.version"));
        doc.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        doc.put("dataDir", context.dataDir().map(Object::toString).orElse(System.getProperty("caducee.data.dir")));
        doc.put("sandbox", context.sandbox() || Boolean.getBoolean(CliRunner.SANDBOX_PROPERTY));
        context.result(doc, Messages.get("version.text", version, doc.get("java"), doc.get("os")));
        return 0;
    }
}
