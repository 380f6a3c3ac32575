package org.caducee.sandbox.dmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.caducee.dmp.DmpState;

/**
 * The simulated DMPs, persisted in {@code dmp.properties} of the simulator's work directory. Like Mon espace santé,
 * every patient has an open DMP unless the file says otherwise: {@code etat.<INS>=ABSENT|FERME} or
 * {@code bloque.<INS>=<national id>,…}; authorisations are {@code autorisation.<INS>.<national id>=<instant>}.
 */
final class DmpRegistry {

    private final Path file;
    private final Properties properties = new Properties();

    DmpRegistry(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
    }

    synchronized DmpState state(String ins, String nationalId) {
        String state = properties.getProperty("etat." + ins, "");
        if ("ABSENT".equals(state)) {
            return DmpState.NOT_FOUND;
        }
        if ("FERME".equals(state)) {
            return DmpState.CLOSED;
        }
        return blocked(ins).contains(nationalId) ? DmpState.BLOCKED : DmpState.OPEN;
    }

    private Set<String> blocked(String ins) {
        return Arrays.stream(properties.getProperty("bloque." + ins, "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    synchronized Optional<Instant> authorization(String ins, String nationalId) {
        return Optional.ofNullable(properties.getProperty("autorisation." + ins + "." + nationalId)).map(Instant::parse);
    }

    synchronized void authorize(String ins, String nationalId, Instant at) throws IOException {
        properties.setProperty("autorisation." + ins + "." + nationalId, at.toString());
        save();
    }

    synchronized void revoke(String ins, String nationalId) throws IOException {
        properties.remove("autorisation." + ins + "." + nationalId);
        save();
    }

    /** Sets the state of a patient's DMP (used by tests and demonstrations). */
    synchronized void set(String ins, DmpState state, String blockedNationalId) throws IOException {
        properties.remove("etat." + ins);
        properties.remove("bloque." + ins);
        switch (state) {
            case NOT_FOUND -> properties.setProperty("etat." + ins, "ABSENT");
            case CLOSED -> properties.setProperty("etat." + ins, "FERME");
            case BLOCKED -> properties.setProperty("bloque." + ins, blockedNationalId);
            default -> {
                // open: the default
            }
        }
        save();
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            properties.store(out, "DMP simulés du bac à sable Caducée");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
