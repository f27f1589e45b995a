// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.core.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits a campaign's segment between its holdout and its treatments: each endpoint falls in one of 100 buckets, by
 * a hash of the campaign id and endpoint id — the same bucket at every run, on every node — and the buckets are
 * handed out in order: HoldoutPercent of them to the holdout (no message), then SizePercent to each additional
 * treatment, the rest to the default treatment {@code 0}.
 */
final class CampaignAudience {
    static final String HOLDOUT = "";

    private CampaignAudience() {
    }

    /** The treatment id the endpoint gets in the campaign, or {@link #HOLDOUT}. */
    static String treatment(JsonNode campaign, String endpointId) {
        int bucket = bucket(campaign.path("Id").asText(), endpointId);
        int bound = campaign.path("HoldoutPercent").asInt(0);
        if (bucket < bound) {
            return HOLDOUT;
        }
        for (JsonNode treatment : campaign.path("AdditionalTreatments")) {
            bound += treatment.path("SizePercent").asInt(0);
            if (bucket < bound) {
                return treatment.path("Id").asText();
            }
        }
        return "0";
    }

    static int bucket(String campaignId, String endpointId) {
        byte[] digest = Hashes.sha256((campaignId + "/" + endpointId).getBytes(StandardCharsets.UTF_8));
        return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), 100L);
    }
}
