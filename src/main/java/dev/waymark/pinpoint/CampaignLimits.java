// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A campaign's Limits: Daily and Total (messages to one endpoint per UTC day and in all, 0–100; 0 or absent: no
 * limit), MessagesPerSecond (1–20,000; absent: as fast as Waymark goes) and MaximumDuration (seconds after an
 * occurrence's start after which it stops sending, at least 60). Session limits in-app messages, which Waymark does
 * not serve; it is kept but has no effect.
 */
record CampaignLimits(int daily, int total, int messagesPerSecond, int maximumDuration) {
    static CampaignLimits of(JsonNode limits) {
        return new CampaignLimits(limits.path("Daily").asInt(0), limits.path("Total").asInt(0),
                limits.path("MessagesPerSecond").asInt(0), limits.path("MaximumDuration").asInt(0));
    }

    /** Checks the Limits of a written campaign: BadRequestException for a value out of range. */
    static void check(JsonNode limits) {
        range(limits, "Daily", 0, 100);
        range(limits, "Total", 0, 100);
        range(limits, "MessagesPerSecond", 1, 20_000);
        range(limits, "MaximumDuration", 60, Integer.MAX_VALUE);
    }

    private static void range(JsonNode limits, String member, int min, int max) {
        if (limits.has(member)) {
            int value = limits.get(member).asInt();
            if (value < min || value > max) {
                throw PinpointErrors.badRequest("Limits." + member + " must be between " + min + " and " + max);
            }
        }
    }

    /** Whether messages to each endpoint are counted (Daily or Total is set). */
    boolean perEndpoint() {
        return daily > 0 || total > 0;
    }
}
