// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A decoded request: the operation, its input keyed by model member names, and the request parameters as
 * CloudTrail shows them for this protocol (REST: URI and query members under their URI names with body members
 * beside them; JSON and query protocols: lower-camel member names).
 */
public record Decoded(String operation, ObjectNode input, ObjectNode requestParameters) {
    public Decoded {
        requireNonNull(operation, "operation is null");
        requireNonNull(input, "input is null");
        requireNonNull(requestParameters, "requestParameters is null");
    }
}
