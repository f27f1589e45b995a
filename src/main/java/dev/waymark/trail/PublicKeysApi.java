// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;

/**
 * ListPublicKeys: the region's digest-signing keys whose validity overlaps [StartTime, EndTime] (the current key
 * when no time is given), as base64 DER PKCS#1 with their MD5 fingerprints (cloudtrail.md §4.4).
 */
final class PublicKeysApi {
    PublicKeysApi() {
    }

    ObjectNode listPublicKeys(Invocation inv, Tx tx) throws SQLException {
        long now = inv.time().toEpochMilli();
        long start = inv.input().has("StartTime") ? Instant.parse(inv.input().get("StartTime").asText()).toEpochMilli() : now;
        long end = inv.input().has("EndTime") ? Instant.parse(inv.input().get("EndTime").asText()).toEpochMilli() : now;
        if (start > end) {
            throw TrailErrors.of("InvalidTimeRangeException", "Start time must be before or equal to end time.");
        }
        ObjectNode out = TrailsApi.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("PublicKeyList");
        for (SigningKeys.Key key : SigningKeys.overlapping(tx, inv.region(), start, end)) {
            list.addObject().put("Value", Base64.getEncoder().encodeToString(key.publicDer()))
                    .put("ValidityStartTime", Instant.ofEpochMilli(key.validFrom()).toString())
                    .put("ValidityEndTime", Instant.ofEpochMilli(key.validTo()).toString())
                    .put("Fingerprint", key.fingerprint());
        }
        return out;
    }
}
