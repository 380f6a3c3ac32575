package org.caducee.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.caducee.core.installation.Installation;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The installation: data directory from {@code caducee.data.dir}, else {@code $XDG_DATA_HOME/caducee}, else
 * {@code ~/.local/share/caducee}; settings from {@code caducee.properties} there, overridden by framework or
 * system properties {@code caducee.<key>}. Without a settings file the installation runs in sandbox mode.
 */
@Component(service = Installation.class)
public final class InstallationImpl implements Installation {

    private static final String PREFIX = "caducee.";

    private final UnaryOperator<String> properties;
    private final Path dataDir;
    private final Properties settings = new Properties();
    private final boolean settingsFile;

    @Activate
    public InstallationImpl(BundleContext context) {
        this(context::getProperty, System::getenv);
    }

    /**
     * @param properties framework/system properties ({@code caducee.data.dir}, {@code caducee.<key>}, {@code user.home})
     * @param environment environment variables ({@code XDG_DATA_HOME})
     */
    public InstallationImpl(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        this.properties = properties;
        this.dataDir = locate(properties, environment);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(Messages.get("data.dir.failed", dataDir, e.getMessage()), e);
        }
        Path file = dataDir.resolve(SETTINGS_FILE);
        settingsFile = Files.isRegularFile(file);
        if (settingsFile) {
            try (InputStream in = Files.newInputStream(file)) {
                settings.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException(Messages.get("settings.unreadable", file, e.getMessage()), e);
            }
        }
    }

    private static Path locate(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String explicit = properties.apply(DATA_DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.trim()).toAbsolutePath().normalize();
        }
        String xdg = environment.apply("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.trim()).isAbsolute()) {
            return Path.of(xdg.trim(), "caducee");
        }
        String home = properties.apply("user.home");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".local", "share", "caducee");
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public boolean sandbox() {
        return setting("sandbox").map(v -> Boolean.parseBoolean(v.trim())).orElse(!settingsFile);
    }

    @Override
    public Optional<String> setting(String key) {
        String override = properties.apply(PREFIX + key);
        if (override != null && !override.isBlank()) {
            return Optional.of(override.trim());
        }
        String value = settings.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return "Installation[" + dataDir + (sandbox() ? ", bac à sable" : "") + "]";
    }
}
