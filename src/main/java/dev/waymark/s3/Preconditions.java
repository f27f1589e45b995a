// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;

/**
 * The conditional headers of GET and HEAD (RFC 7232 as S3 applies them): If-Match and If-Unmodified-Since fail
 * with PreconditionFailed (412); If-None-Match and If-Modified-Since answer 304 Not Modified. If-Match wins over
 * If-Unmodified-Since, and If-None-Match over If-Modified-Since.
 */
final class Preconditions {
    static final int NOT_MODIFIED = 304;

    private Preconditions() {
    }

    /** 304 when the object is not modified by the request's conditions, 0 to go on; throws 412 on a failed one. */
    static int check(JsonNode input, StoredObject object) {
        Instant modified = object.lastModified();
        if (input.hasNonNull("IfMatch")) {
            if (!matches(input.get("IfMatch").asText(), object.etag())) {
                throw S3Errors.preconditionFailed();
            }
        } else if (input.hasNonNull("IfUnmodifiedSince") && modified.isAfter(Instant.parse(input.get("IfUnmodifiedSince").asText()))) {
            throw S3Errors.preconditionFailed();
        }
        if (input.hasNonNull("IfNoneMatch")) {
            return matches(input.get("IfNoneMatch").asText(), object.etag()) ? NOT_MODIFIED : 0;
        }
        if (input.hasNonNull("IfModifiedSince") && !modified.isAfter(Instant.parse(input.get("IfModifiedSince").asText()))) {
            return NOT_MODIFIED;
        }
        return 0;
    }

    private static boolean matches(String header, String etag) {
        return Arrays.stream(header.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.replace("\"", "").equals(etag));
    }
}
