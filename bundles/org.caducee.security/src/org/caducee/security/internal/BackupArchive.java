package org.caducee.security.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.caducee.security.backup.BackupException;
import org.caducee.security.backup.BackupException.Reason;

/**
 * The encrypted container of a backup.
 *
 * <pre>
 * header  = "CADUCEE-BACKUP" (14 bytes ASCII) | version (1 byte, 1) | kdf (1 byte, 1 = Argon2id) | memory KiB (int)
 *           | iterations (int) | parallelism (int) | salt (16 bytes) | cipher (1 byte, 1 = AES-256-GCM)
 *           | nonce prefix (7 bytes) | chunk size (int) | key check (32 bytes)
 * chunk*  = length of the ciphertext (int) | AES-GCM ciphertext with its 128-bit tag
 * </pre>
 * Argon2id gives 64 bytes: the AES key, then a MAC key; key check = HMAC-SHA256(MAC key, "caducee-backup-key-check")
 * tells a wrong passphrase from an altered archive. Chunk i has nonce = prefix | i (4 bytes big-endian) | last (1 byte,
 * 1 for the final chunk) and the whole header as associated data, so altered, reordered, removed or added chunks and
 * an altered header are all detected, and an archive cut short lacks its final chunk.
 */
final class BackupArchive {

    static final byte[] MAGIC = "CADUCEE-BACKUP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int CHUNK = 1 << 20;
    private static final int HEADER_LENGTH = MAGIC.length + 1 + 1 + 12 + 16 + 1 + 7 + 4 + 32;
    private static final byte[] CHECK_LABEL = "caducee-backup-key-check".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_MEMORY_KIB = 1 << 21;

    /** Argon2id cost of new archives. */
    record Cost(int memoryKib, int iterations, int parallelism) {
        static final Cost DEFAULT = new Cost(65_536, 3, 1);
    }

    private BackupArchive() {
    }

    /** An output stream that encrypts everything written to {@code out}; close it to write the final chunk. */
    static OutputStream encrypt(OutputStream out, char[] passphrase, Cost cost) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] prefix = new byte[7];
        random.nextBytes(prefix);
        byte[] keys = derive(passphrase, salt, cost.memoryKib, cost.iterations, cost.parallelism);
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
        header.put(MAGIC).put((byte) VERSION).put((byte) 1).putInt(cost.memoryKib).putInt(cost.iterations).putInt(cost.parallelism)
                .put(salt).put((byte) 1).put(prefix).putInt(CHUNK).put(check(keys));
        byte[] headerBytes = header.array();
        out.write(headerBytes);
        return new Encrypting(out, Arrays.copyOf(keys, 32), prefix, headerBytes);
    }

    /**
     * An input stream of the plaintext. The header and the passphrase are checked at once; each chunk is
     * authenticated before any of its bytes is returned.
     */
    static InputStream decrypt(InputStream in, char[] passphrase) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        int n = in.readNBytes(header, 0, header.length);
        if (n < MAGIC.length || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new BackupException(Reason.TAMPERED, Messages.get("backup.notArchive"));
        }
        if (n < header.length) {
            throw new BackupException(Reason.TRUNCATED, Messages.get("backup.truncated"));
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        h.position(MAGIC.length);
        int version = h.get() & 0xff;
        int kdf = h.get() & 0xff;
        int memory = h.getInt();
        int iterations = h.getInt();
        int parallelism = h.getInt();
        byte[] salt = new byte[16];
        h.get(salt);
        int cipher = h.get() & 0xff;
        byte[] prefix = new byte[7];
        h.get(prefix);
        int chunk = h.getInt();
        byte[] storedCheck = new byte[32];
        h.get(storedCheck);
        if (version != VERSION || kdf != 1 || cipher != 1) {
            throw new BackupException(Reason.INCOMPATIBLE, Messages.get("backup.version", version));
        }
        if (memory < 8 || memory > MAX_MEMORY_KIB || iterations < 1 || iterations > 100 || parallelism < 1 || parallelism > 16
                || chunk < 1 || chunk > 64 * CHUNK) {
            throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
        }
        byte[] keys = derive(passphrase, salt, memory, iterations, parallelism);
        if (!MessageDigest.isEqual(check(keys), storedCheck)) {
            throw new BackupException(Reason.WRONG_PASSPHRASE, Messages.get("backup.wrongPassphrase"));
        }
        return new Decrypting(in, Arrays.copyOf(keys, 32), prefix, header, chunk);
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int memory, int iterations, int parallelism) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] secret = new byte[utf8.remaining()];
        utf8.get(secret);
        byte[] out = new byte[64];
        generator.generateBytes(secret, out);
        Arrays.fill(secret, (byte) 0);
        return out;
    }

    private static byte[] check(byte[] keys) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
            return mac.doFinal(CHECK_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nonce(byte[] prefix, int index, boolean last) {
        return ByteBuffer.allocate(12).put(prefix).putInt(index).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] prefix, int index, boolean last, byte[] header) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce(prefix, index, last)));
            c.updateAAD(header);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Encrypting extends OutputStream {
        private final DataOutputStream out;
        private final byte[] key;
        private final byte[] prefix;
        private final byte[] header;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK);
        private int index;
        private boolean closed;

        Encrypting(OutputStream out, byte[] key, byte[] prefix, byte[] header) {
            this.out = new DataOutputStream(out);
            this.key = key;
            this.prefix = prefix;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - buffer.size());
                buffer.write(b, off, n);
                off += n;
                len -= n;
                if (buffer.size() == CHUNK) {
                    flushChunk(false);
                }
            }
        }

        private void flushChunk(boolean last) throws IOException {
            try {
                byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, prefix, index++, last, header).doFinal(buffer.toByteArray());
                out.writeInt(sealed.length);
                out.write(sealed);
                buffer.reset();
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                flushChunk(true);
                Arrays.fill(key, (byte) 0);
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final DataInputStream in;
        private final byte[] key;
        private final byte[] prefix;
        private final byte[] header;
        private final int chunk;
        private byte[] plain = new byte[0];
        private int position;
        private int index;
        private boolean finished;

        Decrypting(InputStream in, byte[] key, byte[] prefix, byte[] header, int chunk) {
            this.in = new DataInputStream(in);
            this.key = key;
            this.prefix = prefix;
            this.header = header;
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position == plain.length) {
                if (finished || !next()) {
                    return -1;
                }
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        private boolean next() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                throw new BackupException(Reason.TRUNCATED, Messages.get("backup.truncated"));
            }
            if (length < 16 || length > chunk + 16) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
            }
            byte[] sealed = new byte[length];
            if (in.readNBytes(sealed, 0, length) < length) {
                throw new BackupException(Reason.TRUNCATED, Messages.get("backup.truncated"));
            }
            // a chunk is the final one when it authenticates as such
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, prefix, index, false, header).doFinal(sealed);
            } catch (AEADBadTagException notInner) {
                try {
                    plain = cipher(Cipher.DECRYPT_MODE, key, prefix, index, true, header).doFinal(sealed);
                    finished = true;
                } catch (GeneralSecurityException e) {
                    throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
                }
            } catch (GeneralSecurityException e) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.tampered"));
            }
            index++;
            position = 0;
            if (finished && in.read() >= 0) {
                throw new BackupException(Reason.TAMPERED, Messages.get("backup.trailing"));
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            Arrays.fill(key, (byte) 0);
            in.close();
        }
    }
}
