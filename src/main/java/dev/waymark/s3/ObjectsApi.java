// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Objects: PutObject, GetObject, HeadObject, DeleteObject. */
final class ObjectsApi {
    private static final int MAX_KEY_BYTES = 1024;
    private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    private static final Set<String> OWNER_ONLY_ACLS = Set.of("private", "bucket-owner-full-control");
    /** Representation headers stored with an object besides its type and encoding, by model member name. */
    private static final List<String> STORED_HEADERS = List.of("CacheControl", "ContentDisposition", "ContentLanguage",
            "Expires");
    /** Flexible checksums an object may be uploaded with, by model member name. */
    private static final List<String> CHECKSUMS = List.of("ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME",
            "ChecksumSHA1", "ChecksumSHA256", "ChecksumSHA512", "ChecksumMD5");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final BucketRepository buckets;
    private final ObjectRepository objects;
    private final ObjectFiles files;
    private final Access access;

    ObjectsApi(BucketRepository buckets, ObjectRepository objects, ObjectFiles files, Access access) {
        this.buckets = buckets;
        this.objects = objects;
        this.files = files;
        this.access = access;
    }

    /** Writes the encrypted file durably first, then the row: a crash never leaves a row without its file. */
    ObjectNode putObject(Invocation inv, Tx tx) throws SQLException, IOException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode input = inv.input();
        String key = key(input);
        String acl = input.path("ACL").asText("private");
        if (!OWNER_ONLY_ACLS.contains(acl)) {
            throw S3Errors.aclNotSupported();
        }
        Optional<JsonNode> bucketDefault = buckets.document(tx, bucket.name(), BucketRepository.Document.ENCRYPTION)
                .map(BucketConfigApi::parse);
        ServerSideEncryption.Choice encryption = ServerSideEncryption.choose(inv, bucketDefault);
        byte[] body = input.path("Body").binaryValue();
        if (body == null) {
            body = new byte[0];
        }
        String fileId = UUID.randomUUID().toString();
        String sealedKey = files.write(bucket.name(), fileId, body);
        StoredObject object = new StoredObject(bucket.name(), key, fileId, body.length, md5Hex(body),
                inv.time().truncatedTo(ChronoUnit.SECONDS),
                Optional.of(input.path("ContentType").asText(DEFAULT_CONTENT_TYPE)),
                text(input, "ContentEncoding"), storedHeaders(input), metadata(input),
                new StoredObject.Encryption(encryption.algorithm(), encryption.kmsKeyId(), sealedKey),
                checksum(input));
        objects.put(tx, object);
        ObjectNode output = BucketsApi.MAPPER.createObjectNode();
        output.put("ETag", quoted(object.etag()));
        encryptionHeaders(output, object);
        object.checksum().ifPresent(c -> output.put(c.member(), c.value()).put("ChecksumType", "FULL_OBJECT"));
        return output;
    }

    ObjectNode getObject(Invocation inv, Tx tx) throws SQLException {
        return read(inv, tx, true);
    }

    ObjectNode headObject(Invocation inv, Tx tx) throws SQLException {
        return read(inv, tx, false);
    }

    private ObjectNode read(Invocation inv, Tx tx, boolean withBody) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode input = inv.input();
        StoredObject object = objects.find(tx, bucket.name(), key(input)).orElseThrow(S3Errors::noSuchKey);
        ObjectNode output = headers(object, input);
        int condition = Preconditions.check(input, object);
        if (condition == Preconditions.NOT_MODIFIED) {
            ObjectNode notModified = BucketsApi.MAPPER.createObjectNode();
            notModified.put("StatusCode", condition).put("ETag", quoted(object.etag()))
                    .put("LastModified", object.lastModified().toString());
            return notModified;
        }
        Optional<ByteRange> range = input.hasNonNull("Range")
                ? ByteRange.parse(input.get("Range").asText(), object.size()) : Optional.empty();
        output.put("ContentLength", range.map(ByteRange::length).orElse(object.size()));
        if (range.isPresent()) {
            output.put("ContentRange", range.get().contentRange()).put("StatusCode", 206);
        } else if (input.path("ChecksumMode").asText("").equals("ENABLED") && object.checksum().isPresent()) {
            output.put(object.checksum().get().member(), object.checksum().get().value()).put("ChecksumType", "FULL_OBJECT");
        }
        if (withBody) {
            byte[] content = content(object);
            output.set("Body", BinaryNode.valueOf(range.isEmpty() ? content
                    : Arrays.copyOfRange(content, (int) range.get().first(), (int) range.get().last() + 1)));
        }
        return output;
    }

    private byte[] content(StoredObject object) {
        try {
            return files.read(object.bucket(), object.fileId(), object.encryption().sealedDataKey());
        } catch (NoSuchFileException e) {
            // The row was read before a concurrent delete committed and the sweep removed the file.
            throw S3Errors.noSuchKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read object " + object.bucket() + "/" + object.key(), e);
        }
    }

    /** The headers GET and HEAD answer with, the request's response-* overrides applied. */
    private static ObjectNode headers(StoredObject object, JsonNode input) {
        ObjectNode output = BucketsApi.MAPPER.createObjectNode();
        output.put("AcceptRanges", "bytes").put("LastModified", object.lastModified().toString())
                .put("ETag", quoted(object.etag()));
        object.contentType().ifPresent(type -> output.put("ContentType", type));
        object.contentEncoding().ifPresent(encoding -> output.put("ContentEncoding", encoding));
        object.headers().forEach(output::put);
        if (!object.metadata().isEmpty()) {
            ObjectNode metadata = output.putObject("Metadata");
            object.metadata().forEach(metadata::put);
        }
        encryptionHeaders(output, object);
        for (String header : List.of("CacheControl", "ContentDisposition", "ContentEncoding", "ContentLanguage",
                "ContentType")) {
            if (input.hasNonNull("Response" + header)) {
                output.put(header, input.get("Response" + header).asText());
            }
        }
        if (input.hasNonNull("ResponseExpires")) {
            output.put("Expires", HTTP_DATE.format(Instant.parse(input.get("ResponseExpires").asText())));
        }
        return output;
    }

    private static void encryptionHeaders(ObjectNode output, StoredObject object) {
        output.put("ServerSideEncryption", object.encryption().algorithm());
        object.encryption().kmsKeyId().ifPresent(id -> output.put("SSEKMSKeyId", id));
    }

    ObjectNode deleteObject(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        objects.delete(tx, bucket.name(), key(inv.input()));
        return BucketsApi.MAPPER.createObjectNode();
    }

    private static String key(JsonNode input) {
        String key = input.path("Key").asText();
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Errors.keyTooLong();
        }
        return key;
    }

    private static Map<String, String> storedHeaders(JsonNode input) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            text(input, name).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }

    private static Map<String, String> metadata(JsonNode input) {
        Map<String, String> metadata = new LinkedHashMap<>();
        input.path("Metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return metadata;
    }

    /** The flexible checksum the upload carried (the protocol has verified it against the data). */
    private static Optional<StoredObject.Checksum> checksum(JsonNode input) {
        for (String member : CHECKSUMS) {
            if (input.hasNonNull(member)) {
                return Optional.of(new StoredObject.Checksum(member, input.get(member).asText()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode input, String field) {
        return input.hasNonNull(field) ? Optional.of(input.get(field).asText()) : Optional.empty();
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
