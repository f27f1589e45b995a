// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.s3.BucketRepository.Document;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Bucket configuration: the bucket policy (stored as given, after checking it is a JSON policy; not evaluated yet),
 * the lifecycle configuration (its expiration rules run by {@link LifecycleJob}) and the default encryption.
 */
final class BucketConfigApi {
    private static final int MAX_POLICY_BYTES = 20 * 1024;

    private final BucketRepository buckets;
    private final Access access;

    BucketConfigApi(BucketRepository buckets, Access access) {
        this.buckets = buckets;
        this.access = access;
    }

    ObjectNode putBucketPolicy(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        String policy = inv.input().path("Policy").asText("");
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            throw S3Errors.malformedPolicy("Policy exceeds the maximum allowed document size.");
        }
        JsonNode document;
        try {
            document = BucketsApi.MAPPER.readTree(policy);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document == null || !document.isObject()) {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        if (!document.has("Statement")) {
            throw S3Errors.malformedPolicy("Missing required field Statement");
        }
        buckets.saveDocument(tx, bucket.name(), Document.POLICY, policy);
        return BucketsApi.MAPPER.createObjectNode();
    }

    ObjectNode getBucketPolicy(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        String policy = buckets.document(tx, bucket.name(), Document.POLICY).orElseThrow(S3Errors::noSuchBucketPolicy);
        return BucketsApi.MAPPER.createObjectNode().put("Policy", policy);
    }

    ObjectNode deleteBucketPolicy(Invocation inv, Tx tx) throws SQLException {
        return clear(inv, tx, Document.POLICY);
    }

    ObjectNode putBucketLifecycleConfiguration(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode configuration = inv.input().path("LifecycleConfiguration");
        LifecycleRule.parse(configuration);
        buckets.saveDocument(tx, bucket.name(), Document.LIFECYCLE, configuration.toString());
        return BucketsApi.MAPPER.createObjectNode().put("TransitionDefaultMinimumObjectSize", "all_storage_classes_128K");
    }

    ObjectNode getBucketLifecycleConfiguration(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode configuration = buckets.document(tx, bucket.name(), Document.LIFECYCLE).map(BucketConfigApi::parse)
                .orElseThrow(S3Errors::noSuchLifecycle);
        ObjectNode output = BucketsApi.MAPPER.createObjectNode();
        output.set("Rules", configuration.path("Rules"));
        output.put("TransitionDefaultMinimumObjectSize", "all_storage_classes_128K");
        return output;
    }

    ObjectNode deleteBucketLifecycle(Invocation inv, Tx tx) throws SQLException {
        return clear(inv, tx, Document.LIFECYCLE);
    }

    ObjectNode putBucketEncryption(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode configuration = inv.input().path("ServerSideEncryptionConfiguration");
        JsonNode rules = configuration.path("Rules");
        if (!rules.isArray() || rules.size() != 1) {
            throw S3Errors.malformedXml();
        }
        JsonNode byDefault = rules.get(0).path("ApplyServerSideEncryptionByDefault");
        String algorithm = byDefault.path("SSEAlgorithm").asText("");
        if (!ServerSideEncryption.valid(algorithm)) {
            throw S3Errors.malformedXml();
        }
        if (byDefault.has("KMSMasterKeyID") && !ServerSideEncryption.isKms(algorithm)) {
            throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not "
                    + "aws:kms or aws:kms:dsse");
        }
        buckets.saveDocument(tx, bucket.name(), Document.ENCRYPTION, configuration.toString());
        return BucketsApi.MAPPER.createObjectNode();
    }

    /** The bucket's default encryption; SSE-S3 when none was set, as every S3 bucket has had since 2023. */
    ObjectNode getBucketEncryption(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode configuration = buckets.document(tx, bucket.name(), Document.ENCRYPTION).map(BucketConfigApi::parse)
                .orElseGet(BucketConfigApi::defaultEncryption);
        ObjectNode output = BucketsApi.MAPPER.createObjectNode();
        output.set("ServerSideEncryptionConfiguration", configuration);
        return output;
    }

    ObjectNode deleteBucketEncryption(Invocation inv, Tx tx) throws SQLException {
        return clear(inv, tx, Document.ENCRYPTION);
    }

    private ObjectNode clear(Invocation inv, Tx tx, Document document) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        buckets.saveDocument(tx, bucket.name(), document, null);
        return BucketsApi.MAPPER.createObjectNode();
    }

    private static JsonNode defaultEncryption() {
        ObjectNode configuration = BucketsApi.MAPPER.createObjectNode();
        ObjectNode rule = configuration.putArray("Rules").addObject();
        rule.putObject("ApplyServerSideEncryptionByDefault").put("SSEAlgorithm", ServerSideEncryption.AES256);
        rule.put("BucketKeyEnabled", false);
        return configuration;
    }

    static JsonNode parse(String json) {
        try {
            return BucketsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored bucket configuration is not JSON", e);
        }
    }
}
