// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.core.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object content on disk: {@code <root>/<bucket>/<file-id>}, each file {@code "WMO1" ‖ nonce ‖ AES-256-GCM
 * ciphertext and tag} under a random data key of its own, authenticated together with its bucket and file id (so
 * a file cannot be passed off as another). The data key is returned sealed with the master key, for the metadata
 * row. A file is written to a temporary name, fsynced, renamed atomically and its folder fsynced before the caller
 * commits the row that names it. Thread-safe.
 */
public final class ObjectFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFiles.class);
    private static final byte[] MAGIC = "WMO1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TEMPORARY = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final SecretBox masterKey;

    public ObjectFiles(Path root, SecretBox masterKey) {
        this.root = root;
        this.masterKey = masterKey;
    }

    /** Encrypts and durably writes an object's content; returns its data key sealed with the master key. */
    String write(String bucket, String fileId, byte[] plain) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, dataKey, nonce, bucket, fileId, plain);
        String sealedKey = Base64.getEncoder().encodeToString(masterKey.seal(dataKey));
        Arrays.fill(dataKey, (byte) 0);
        Path folder = folder(bucket);
        Path temporary = folder.resolve(fileId + TEMPORARY);
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length);
                buffer.put(MAGIC).put(nonce).put(sealed).flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, folder.resolve(fileId), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write object file " + folder.resolve(fileId), e);
        }
        return sealedKey;
    }

    /** Reads and decrypts an object's content. */
    byte[] read(String bucket, String fileId, String sealedDataKey) throws IOException {
        byte[] file = Files.readAllBytes(folder(bucket).resolve(fileId));
        if (file.length < MAGIC.length + NONCE_BYTES || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not an object file: " + fileId);
        }
        byte[] dataKey;
        try {
            dataKey = masterKey.open(Base64.getDecoder().decode(sealedDataKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the data key of " + fileId + " cannot be opened with this master key", e);
        }
        byte[] nonce = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(file, MAGIC.length + NONCE_BYTES, file.length);
        try {
            return cipher(Cipher.DECRYPT_MODE, dataKey, nonce, bucket, fileId, sealed);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static byte[] cipher(int mode, byte[] key, byte[] nonce, String bucket, String fileId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((bucket + "/" + fileId).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("object file " + bucket + "/" + fileId + " cannot be "
                    + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"), e);
        }
    }

    Path folder(String bucket) {
        Path folder = root.resolve(bucket).normalize();
        if (!folder.getParent().equals(root.normalize())) {
            throw new IllegalArgumentException("not a bucket folder: " + bucket);
        }
        return folder;
    }

    /**
     * Deletes the files no row refers to, once older than {@code writtenBefore} (a younger one may belong to a
     * PutObject whose row is not committed yet), and the folders of buckets that no longer exist once empty.
     *
     * @param referenced the file ids the committed rows name, by bucket (every existing bucket is a key)
     * @return how many files were deleted
     */
    int sweep(Map<String, Set<String>> referenced, Instant writtenBefore) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    Set<String> keep = referenced.getOrDefault(folder.getFileName().toString(), Set.of());
                    deleted += sweepFolder(folder, keep, writtenBefore);
                    if (!referenced.containsKey(folder.getFileName().toString())) {
                        deleteIfEmpty(folder);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("sweeping {} stopped early", root, e);
        }
        return deleted;
    }

    private static int sweepFolder(Path folder, Set<String> keep, Instant writtenBefore) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (!keep.contains(file.getFileName().toString())
                        && Files.getLastModifiedTime(file).toInstant().isBefore(writtenBefore)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            if (files.iterator().hasNext()) {
                return;
            }
        }
        Files.deleteIfExists(folder);
    }
}
