package org.caducee.sandbox.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.caducee.sandbox.SandboxPki;

/**
 * Copies the demo PS card keys into a SoftHSM2 token when {@code softhsm2-util} is on the PATH, so that PKCS#11 code
 * paths (the real CPS goes through the Cryptolib PKCS#11 module) can be exercised. Silently skipped otherwise.
 */
final class SoftHsm {

    static final String CONFIG_FILE = "softhsm2.conf";
    private static final String SO_PIN = "12345678";
    private static final System.Logger LOG = System.getLogger(SoftHsm.class.getName());

    static Optional<Path> findTool() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry, "softhsm2-util");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Best effort: a failure is logged, never thrown (the PKCS#12 remains the reference). */
    void importCard(Path pkiDir) {
        Optional<Path> tool = findTool();
        if (tool.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, Messages.get("softhsm.absent"));
            return;
        }
        Path conf = pkiDir.resolve(CONFIG_FILE);
        try {
            Path tokens = Files.createDirectories(pkiDir.resolve("softhsm").resolve("tokens"));
            Path pending = pkiDir.resolve(CONFIG_FILE + ".tmp");
            Files.writeString(pending, "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                    StandardCharsets.UTF_8);
            run(tool.get(), pending, "--init-token", "--free", "--label", SandboxPki.SOFTHSM_TOKEN_LABEL, "--so-pin", SO_PIN, "--pin",
                    SandboxPki.SOFTHSM_USER_PIN);
            run(tool.get(), pending, "--import", pkiDir.resolve("carte-cps-authentification.key.pem").toString(), "--token",
                    SandboxPki.SOFTHSM_TOKEN_LABEL, "--label", "authentification", "--id", "01", "--pin", SandboxPki.SOFTHSM_USER_PIN);
            run(tool.get(), pending, "--import", pkiDir.resolve("carte-cps-signature.key.pem").toString(), "--token",
                    SandboxPki.SOFTHSM_TOKEN_LABEL, "--label", "signature", "--id", "02", "--pin", SandboxPki.SOFTHSM_USER_PIN);
            Files.move(pending, conf);
            LOG.log(System.Logger.Level.INFO, Messages.get("softhsm.done", SandboxPki.SOFTHSM_TOKEN_LABEL, conf));
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(System.Logger.Level.WARNING, Messages.get("softhsm.failed", e.getMessage()));
        }
    }

    private static void run(Path tool, Path conf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("softhsm2-util: délai dépassé");
        }
        if (process.exitValue() != 0) {
            throw new IOException("softhsm2-util " + args[0] + " : " + output.strip());
        }
    }
}
