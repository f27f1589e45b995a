// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags of the API's resources ({@code [{"Key", "Value"}]} on the wire), kept by ARN in resource_tag: at most 50 per
 * resource, keys of 1–128 characters that do not start with {@code aws:}, values of up to 256.
 */
final class Tags {
    static final int MAX = 50;

    ArrayNode list(Tx tx, String arn) throws SQLException {
        ArrayNode tags = Json.MAPPER.createArrayNode();
        tx.query("SELECT tag_key, value FROM resource_tag WHERE arn = ? ORDER BY tag_key",
                rs -> tags.addObject().put("Key", rs.getString(1)).put("Value", rs.getString(2)), arn);
        return tags;
    }

    /** Adds or replaces tags; LimitExceeded beyond 50. */
    void put(Tx tx, String arn, Map<String, String> tags) throws SQLException {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT (arn, tag_key) DO UPDATE SET value = excluded.value", arn, tag.getKey(), tag.getValue());
        }
        if (tx.queryLong("SELECT COUNT(*) FROM resource_tag WHERE arn = ?", arn) > MAX) {
            throw EmailErrors.badRequest("A resource can have at most " + MAX + " tags");
        }
    }

    void remove(Tx tx, String arn, List<String> keys) throws SQLException {
        for (String key : keys) {
            tx.update("DELETE FROM resource_tag WHERE arn = ? AND tag_key = ?", arn, key);
        }
    }

    void removeAll(Tx tx, String arn) throws SQLException {
        tx.update("DELETE FROM resource_tag WHERE arn = ?", arn);
    }

    /** The tags of a request's TagList, checked. */
    static Map<String, String> valid(JsonNode tagList) {
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode tag : tagList) {
            String key = tag.path("Key").asText("");
            String value = tag.path("Value").asText("");
            if (key.isEmpty() || key.length() > 128 || key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw EmailErrors.badRequest("Invalid tag key '" + key + "': 1 to 128 characters, not starting with aws:");
            }
            if (value.length() > 256) {
                throw EmailErrors.badRequest("Invalid value of tag '" + key + "': at most 256 characters");
            }
            result.put(key, value);
        }
        if (result.size() > MAX) {
            throw EmailErrors.badRequest("A resource can have at most " + MAX + " tags");
        }
        return result;
    }
}
