// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** An endpoint as segment criteria see it: its stored members and the time it was last active (epoch ms). */
record Candidate(JsonNode document, long activeAt) {
    Candidate {
        requireNonNull(document, "document is null");
    }
}
