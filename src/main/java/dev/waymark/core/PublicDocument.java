// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

/**
 * A document a service serves to anyone who GETs its path, with no signature and no CloudTrail record because it
 * is not an API call: what AWS serves from public hosts next to an API (the certificate SNS signs messages with).
 */
public record PublicDocument(String contentType, byte[] body) {
    public PublicDocument {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
    }
}
