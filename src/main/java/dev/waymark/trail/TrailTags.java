// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/** AddTags, RemoveTags, ListTags of trails (at most 50 per trail), kept in the shared tag table by ARN. */
final class TrailTags {
    private static final int MAX_TAGS = 50;

    private final TrailRepository trails;

    TrailTags(TrailRepository trails) {
        this.trails = trails;
    }

    void add(Tx tx, String arn, JsonNode tagsList) throws SQLException {
        for (JsonNode tag : tagsList) {
            String key = tag.path("Key").asText("");
            if (key.isEmpty() || key.length() > 128 || key.toLowerCase().startsWith("aws:")) {
                throw TrailErrors.of("InvalidTagParameterException", "Invalid tag key: " + key);
            }
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES (?, ?, ?) ON CONFLICT (arn, tag_key) "
                    + "DO UPDATE SET value = excluded.value", arn, key, tag.path("Value").asText(""));
        }
        if (tx.queryLong("SELECT COUNT(*) FROM resource_tag WHERE arn = ?", arn) > MAX_TAGS) {
            throw TrailErrors.of("TagsLimitExceededException", "The number of tags on " + arn + " exceeds " + MAX_TAGS + ".");
        }
    }

    void removeAll(Tx tx, String arn) throws SQLException {
        tx.update("DELETE FROM resource_tag WHERE arn = ?", arn);
    }

    ObjectNode addTags(Invocation inv, Tx tx) throws SQLException {
        Trail trail = TrailLookup.inHomeRegion(tx, trails, inv, resourceArn(inv.input().path("ResourceId").asText(), inv));
        add(tx, trail.arn(), inv.input().path("TagsList"));
        return TrailsApi.MAPPER.createObjectNode();
    }

    ObjectNode removeTags(Invocation inv, Tx tx) throws SQLException {
        Trail trail = TrailLookup.inHomeRegion(tx, trails, inv, resourceArn(inv.input().path("ResourceId").asText(), inv));
        for (JsonNode tag : inv.input().path("TagsList")) {
            tx.update("DELETE FROM resource_tag WHERE arn = ? AND tag_key = ?", trail.arn(), tag.path("Key").asText());
        }
        return TrailsApi.MAPPER.createObjectNode();
    }

    ObjectNode listTags(Invocation inv, Tx tx) throws SQLException {
        ObjectNode out = TrailsApi.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("ResourceTagList");
        for (JsonNode id : inv.input().path("ResourceIdList")) {
            Trail trail = TrailLookup.visible(tx, trails, inv, resourceArn(id.asText(), inv));
            ObjectNode entry = list.addObject().put("ResourceId", trail.arn());
            ArrayNode tags = entry.putArray("TagsList");
            tx.query("SELECT tag_key, value FROM resource_tag WHERE arn = ? ORDER BY tag_key",
                    rs -> tags.addObject().put("Key", rs.getString(1)).put("Value", rs.getString(2)), trail.arn());
        }
        return out;
    }

    private static String resourceArn(String id, Invocation inv) {
        if (!id.startsWith("arn:")) {
            throw TrailErrors.of("CloudTrailARNInvalidException", "The ARN " + id + " is not valid.");
        }
        return id;
    }
}
