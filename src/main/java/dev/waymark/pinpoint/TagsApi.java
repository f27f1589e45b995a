// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TagResource, UntagResource, ListTagsForResource on the taggable resources of the caller's account and region
 * (applications, segments and message templates). At most 50 tags per resource; keys 1–128 characters, values up
 * to 256, and keys may not start with {@code aws:}.
 */
final class TagsApi {
    private static final int MAX_TAGS = 50;

    private final AppRepository apps;
    private final TagRepository tags;
    private final Map<String, VersionedDocuments> children;
    private final TemplateRepository templates = new TemplateRepository();

    /** {@code children}: the taggable resources of an application by the ARN's path word (segments, campaigns). */
    TagsApi(AppRepository apps, TagRepository tags, Map<String, VersionedDocuments> children) {
        this.children = Map.copyOf(children);
        this.apps = apps;
        this.tags = tags;
    }

    ObjectNode tagResource(Invocation inv, Tx tx) throws SQLException {
        String arn = requireResource(inv, tx);
        Map<String, String> newTags = validTags(inv.input().path("TagsModel").path("tags"));
        if (newTags.isEmpty()) {
            throw PinpointErrors.badRequest("Tags must not be empty");
        }
        tags.put(tx, arn, newTags);
        if (tags.count(tx, arn) > MAX_TAGS) {
            throw PinpointErrors.badRequest("A resource can have at most " + MAX_TAGS + " tags");
        }
        return AppsApi.MAPPER.createObjectNode();
    }

    ObjectNode untagResource(Invocation inv, Tx tx) throws SQLException {
        String arn = requireResource(inv, tx);
        List<String> keys = new ArrayList<>();
        inv.input().path("TagKeys").forEach(key -> keys.add(key.asText()));
        if (keys.isEmpty()) {
            throw PinpointErrors.badRequest("TagKeys must not be empty");
        }
        tags.remove(tx, arn, keys);
        return AppsApi.MAPPER.createObjectNode();
    }

    ObjectNode listTagsForResource(Invocation inv, Tx tx) throws SQLException {
        String arn = requireResource(inv, tx);
        ObjectNode model = AppsApi.MAPPER.createObjectNode();
        model.set("tags", tags.tags(tx, arn));
        return AppsApi.wrap("TagsModel", model);
    }

    /**
     * The resource ARN of the request, which must name an existing taggable resource of the caller's account and
     * region — an application ({@code apps/<id>}), a segment or campaign ({@code apps/<id>/segments/<id>}), or a template; the gateway has
     * already refused ARNs of other accounts.
     */
    private String requireResource(Invocation inv, Tx tx) throws SQLException {
        String arn = inv.input().path("ResourceArn").asText();
        String prefix = "arn:aws:mobiletargeting:" + inv.region() + ":" + inv.accountId() + ":apps/";
        if (!arn.startsWith("arn:aws:mobiletargeting:")) {
            throw PinpointErrors.badRequest("Invalid resource ARN: " + arn);
        }
        String[] path = arn.startsWith(prefix) ? arn.substring(prefix.length()).split("/", -1) : new String[0];
        boolean exists = path.length == 1 && apps.find(tx, inv.accountId(), inv.region(), path[0]).isPresent()
                || path.length == 3 && children.containsKey(path[1])
                && children.get(path[1]).find(tx, inv.accountId(), inv.region(), path[0], path[2]).isPresent();
        if (!exists && !isTemplate(tx, inv, arn)) {
            throw PinpointErrors.notFound("Resource not found: " + arn);
        }
        return arn;
    }

    /** Whether the ARN names a message template ({@code templates/<name>/<TYPE>}) of the caller's account and region. */
    private boolean isTemplate(Tx tx, Invocation inv, String arn) throws SQLException {
        String prefix = "arn:aws:mobiletargeting:" + inv.region() + ":" + inv.accountId() + ":templates/";
        String[] path = arn.startsWith(prefix) ? arn.substring(prefix.length()).split("/", -1) : new String[0];
        return path.length == 2 && templates.find(tx, inv.accountId(), inv.region(), path[0], path[1], Optional.empty()).isPresent();
    }

    static Map<String, String> validTags(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return result;
        }
        if (node.size() > MAX_TAGS) {
            throw PinpointErrors.badRequest("A resource can have at most " + MAX_TAGS + " tags");
        }
        for (Map.Entry<String, JsonNode> tag : node.properties()) {
            String key = tag.getKey();
            String value = tag.getValue().asText();
            if (key.isEmpty() || key.length() > 128) {
                throw PinpointErrors.badRequest("Tag keys must be between 1 and 128 characters: " + key);
            }
            if (value.length() > 256) {
                throw PinpointErrors.badRequest("Tag values must be at most 256 characters: " + key);
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw PinpointErrors.badRequest("Tag keys may not start with 'aws:': " + key);
            }
            result.put(key, value);
        }
        return result;
    }
}
