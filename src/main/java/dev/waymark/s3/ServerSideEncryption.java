// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.core.Invocation;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses how a new object is encrypted, as S3 does: the request's {@code x-amz-server-side-encryption} (and KMS
 * key id), else the bucket's default encryption, else SSE-S3 ({@code AES256}). There is no KMS here: an
 * {@code aws:kms} object's data key is sealed with the master key like any other, and the KMS key id is recorded
 * and reported back, as a full key ARN the way S3 reports it.
 */
final class ServerSideEncryption {
    static final String AES256 = "AES256";
    private static final Set<String> KMS = Set.of("aws:kms", "aws:kms:dsse");
    private static final Set<String> ALGORITHMS = Set.of(AES256, "aws:kms", "aws:kms:dsse");

    private ServerSideEncryption() {
    }

    /** The chosen algorithm and KMS key id. */
    record Choice(String algorithm, Optional<String> kmsKeyId) {
    }

    static Choice choose(Invocation inv, Optional<JsonNode> bucketDefault) {
        JsonNode input = inv.input();
        if (input.has("SSECustomerAlgorithm") || input.has("SSECustomerKey")) {
            throw S3Errors.notImplemented("Waymark does not implement server-side encryption with customer-provided "
                    + "keys (SSE-C)");
        }
        Optional<String> keyId = text(input, "SSEKMSKeyId");
        Optional<String> requested = text(input, "ServerSideEncryption");
        if (requested.isPresent()) {
            return chosen(requested.get(), keyId, inv);
        }
        if (keyId.isPresent()) {
            throw kmsHeaderRequired();
        }
        Optional<JsonNode> rule = bucketDefault.map(d -> d.path("Rules").path(0).path("ApplyServerSideEncryptionByDefault"));
        if (rule.isPresent() && rule.get().has("SSEAlgorithm")) {
            return chosen(rule.get().get("SSEAlgorithm").asText(), text(rule.get(), "KMSMasterKeyID"), inv);
        }
        return new Choice(AES256, Optional.empty());
    }

    private static Choice chosen(String algorithm, Optional<String> keyId, Invocation inv) {
        if (!ALGORITHMS.contains(algorithm)) {
            throw S3Errors.invalidArgument("The encryption method specified is not supported");
        }
        if (!KMS.contains(algorithm)) {
            if (keyId.isPresent()) {
                throw kmsHeaderRequired();
            }
            return new Choice(algorithm, Optional.empty());
        }
        String prefix = "arn:aws:kms:" + inv.region() + ":" + inv.accountId() + ":";
        String id = keyId.orElse("alias/aws/s3");
        String arn = id.startsWith("arn:") ? id : id.startsWith("alias/") ? prefix + id : prefix + "key/" + id;
        return new Choice(algorithm, Optional.of(arn));
    }

    static boolean valid(String algorithm) {
        return ALGORITHMS.contains(algorithm);
    }

    static boolean isKms(String algorithm) {
        return KMS.contains(algorithm);
    }

    private static RuntimeException kmsHeaderRequired() {
        return S3Errors.invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header "
                + "x-amz-server-side-encryption : aws:kms");
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
