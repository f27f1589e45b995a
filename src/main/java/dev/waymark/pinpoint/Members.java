// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks of single request members that several Pinpoint operations share, each failing with BadRequestException. */
final class Members {
    private Members() {
    }

    /** The member's text; BadRequestException when it is missing or blank. */
    static String required(JsonNode in, String member) {
        String value = in.path(member).asText("");
        if (value.isBlank()) {
            throw PinpointErrors.badRequest(member + " is required");
        }
        return value;
    }

    /** The value when it has at most {@code max} characters. */
    static String atMost(String value, int max, String member) {
        if (value.length() > max) {
            throw PinpointErrors.badRequest(member + " must be at most " + max + " characters");
        }
        return value;
    }

    /** The member's integer, {@code fallback} when it is absent, checked to lie in [min, max]. */
    static int integer(JsonNode in, String member, int fallback, int min, int max) {
        if (!in.hasNonNull(member)) {
            return fallback;
        }
        int value = in.get(member).asInt();
        if (value < min || value > max) {
            throw PinpointErrors.badRequest(member + " must be between " + min + " and " + max);
        }
        return value;
    }
}
