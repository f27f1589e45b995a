// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Comparing Waymark's CloudTrail records with AWS's published example records (kept unchanged under
 * {@code src/test/resources/aws-examples/}): what differs by nature — times, request and event ids, the caller's
 * address, user agent, key, principal id, account, a session's creation date — is set to placeholders on both sides.
 */
public final class ExampleRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VOLATILE = List.of("eventTime", "requestID", "eventID", "sourceIPAddress",
            "userAgent", "recipientAccountId");
    private static final List<String> VOLATILE_IDENTITY = List.of("principalId", "accountId", "accessKeyId");
    /** Record fields CloudTrail added after eventVersion 1.05: managementEvent (1.06), eventCategory (1.07). */
    public static final Set<String> ADDED_AFTER_1_05 = Set.of("managementEvent", "eventCategory");

    private ExampleRecords() {
    }

    /** The {@code Records} of an example file. */
    public static JsonNode read(String resource) throws IOException {
        try (InputStream in = ExampleRecords.class.getResourceAsStream("/aws-examples/" + resource)) {
            return JSON.readTree(in).path("Records");
        }
    }

    /** A copy of the record with its volatile values replaced by placeholders. */
    public static ObjectNode normalised(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        VOLATILE.forEach(field -> copy.put(field, "<" + field + ">"));
        ObjectNode identity = (ObjectNode) copy.path("userIdentity");
        VOLATILE_IDENTITY.forEach(field -> identity.put(field, "<" + field + ">"));
        identity.put("arn", identity.path("arn").asText().replaceAll("::\\d{12}:", "::<account>:"));
        if (identity.path("sessionContext").path("attributes") instanceof ObjectNode attributes) {
            attributes.put("creationDate", "<creationDate>");
        }
        return copy;
    }

    /** The member names {@code actual} has and {@code expected} lacks. */
    public static Set<String> extra(JsonNode actual, JsonNode expected) {
        Set<String> extra = new TreeSet<>();
        actual.fieldNames().forEachRemaining(extra::add);
        expected.fieldNames().forEachRemaining(extra::remove);
        return extra;
    }

    /** The record as its golden file keeps it: everything but the user agent, which changes with the SDK. */
    public static JsonNode userAgentHidden(JsonNode record) {
        return ((ObjectNode) record.deepCopy()).put("userAgent", "<user-agent>");
    }
}
