package org.caducee.psc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The PSC session at rest: AES-256-GCM with a random key of the installation ({@code <dataDir>/psc/session.key},
 * owner-only), so that a copied session file is useless without the installation's key. Never logs the content.
 */
final class TokenVault {

    private static final byte[] AAD = "caducee-psc-session-v1".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    TokenVault(Path dir) {
        this.dir = dir;
    }

    Path file() {
        return dir.resolve("session.enc");
    }

    synchronized void save(String content) throws IOException, GeneralSecurityException {
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
        cipher.updateAAD(AAD);
        byte[] sealed = cipher.doFinal(content.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        Path tmp = dir.resolve("session.enc.tmp");
        Files.write(tmp, out);
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    synchronized Optional<String> load() throws IOException, GeneralSecurityException {
        if (!Files.exists(file())) {
            return Optional.empty();
        }
        byte[] in = Files.readAllBytes(file());
        if (in.length < 28) {
            throw new GeneralSecurityException("short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, 12));
        cipher.updateAAD(AAD);
        return Optional.of(new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8));
    }

    synchronized void clear() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            // nothing else to do: the tokens are revoked at the provider
        }
    }

    private SecretKeySpec key() throws IOException {
        Path keyFile = dir.resolve("session.key");
        if (!Files.exists(keyFile)) {
            Files.createDirectories(dir);
            byte[] key = new byte[32];
            random.nextBytes(key);
            Path tmp = dir.resolve("session.key.tmp");
            Files.write(tmp, key);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // non-POSIX file system: the data directory's own permissions apply
            }
            Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        }
        return new SecretKeySpec(Files.readAllBytes(keyFile), "AES");
    }
}
