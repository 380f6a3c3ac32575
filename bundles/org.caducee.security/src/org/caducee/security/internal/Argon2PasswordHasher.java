package org.caducee.security.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (BouncyCastle, pure Java), stored as a self-describing PHC string
 * {@code $argon2id$v=19$m=65536,t=2,p=1$<salt b64>$<hash b64>} (unpadded standard Base64, as the reference
 * implementation). Verification reads the parameters from the stored string, so they can be raised later
 * ({@link #needsRehash(String)}). Stateless apart from its immutable parameters.
 */
public final class Argon2PasswordHasher {

    /**
     * Defaults: 64 MiB, 2 passes, 1 lane: about 250 ms on a 2-core desktop in pure Java, above the OWASP minimum
     * (19 MiB, t=2) and close to the RFC 9106 second recommended option (64 MiB), sized for an interactive login.
     */
    public static final int DEFAULT_MEMORY_KIB = 65_536;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public Argon2PasswordHasher() {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    public Argon2PasswordHasher(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2: paramètres invalides");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** A new PHC string for the password, with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** True when the password matches the stored PHC string; constant-time comparison; false for any malformed string. */
    public boolean verify(char[] password, String phc) {
        Phc parsed = Phc.parse(phc);
        if (parsed == null) {
            // keep the timing of a real verification
            compute(password, new byte[SALT_BYTES], memoryKib, iterations, parallelism, HASH_BYTES);
            return false;
        }
        byte[] actual = compute(password, parsed.salt, parsed.m, parsed.t, parsed.p, parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** True when the stored string uses weaker parameters than this hasher's. */
    public boolean needsRehash(String phc) {
        Phc parsed = Phc.parse(phc);
        return parsed == null || parsed.m < memoryKib || parsed.t < iterations;
    }

    /** Burns the time of one verification (unknown login), so that timing does not reveal which logins exist. */
    public void dummyVerify(char[] password) {
        compute(password, new byte[SALT_BYTES], memoryKib, iterations, parallelism, HASH_BYTES);
    }

    private static byte[] compute(char[] password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(m).withIterations(t).withParallelism(p)
                .withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] pwd = utf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(pwd, out);
            return out;
        } finally {
            Arrays.fill(pwd, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password == null ? new char[0] : password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    private record Phc(int m, int t, int p, byte[] salt, byte[] hash) {

        static Phc parse(String phc) {
            if (phc == null) {
                return null;
            }
            String[] parts = phc.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                return null;
            }
            try {
                int m = -1;
                int t = -1;
                int p = -1;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return null;
                    }
                    }
                }
                byte[] salt = B64D.decode(parts[4]);
                byte[] hash = B64D.decode(parts[5]);
                // bounds: refuse absurd parameters that would exhaust memory or time
                if (m < 8 || m > 1024 * 1024 || t < 1 || t > 100 || p < 1 || p > 64 || salt.length < 8 || hash.length < 16
                        || hash.length > 128) {
                    return null;
                }
                return new Phc(m, t, p, salt, hash);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
