// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Map;

/**
 * Segments: CreateSegment, GetSegment, GetSegments, UpdateSegment, DeleteSegment, GetSegmentVersion,
 * GetSegmentVersions. A segment needs Dimensions or SegmentGroups; its criteria are checked by compiling them
 * ({@link SegmentEngine#check}). Every update makes a new version that keeps the members the request leaves out;
 * tags are taken at creation only (Pinpoint ignores them on update since May 2023) and live on the segment's ARN.
 */
final class SegmentsApi {
    private final AppsApi appsApi;
    private final SegmentRepository segments;
    private final TagRepository tags;
    private final SegmentEngine engine;

    SegmentsApi(AppsApi appsApi, SegmentRepository segments, TagRepository tags, SegmentEngine engine) {
        this.appsApi = appsApi;
        this.segments = segments;
        this.tags = tags;
        this.engine = engine;
    }

    ObjectNode createSegment(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("WriteSegmentRequest");
        if (!request.has("Dimensions") && !request.has("SegmentGroups")) {
            throw PinpointErrors.badRequest("A segment needs Dimensions or SegmentGroups");
        }
        Map<String, String> segmentTags = TagsApi.validTags(request.path("tags"));
        String id = Uuids.random().toString().replace("-", "");
        ObjectNode document = AppsApi.MAPPER.createObjectNode();
        document.put("ApplicationId", app.id()).put("Arn", app.arn() + "/segments/" + id)
                .put("CreationDate", Timestamps.iso(inv.time())).put("Id", id)
                .put("LastModifiedDate", Timestamps.iso(inv.time())).put("SegmentType", "DIMENSIONAL").put("Version", 1);
        apply(document, request);
        engine.check(tx, app.accountId(), app.region(), app.id(), document, inv.time());
        segments.insert(tx, app, id, document);
        tags.put(tx, document.get("Arn").asText(), segmentTags);
        return AppsApi.wrap("SegmentResponse", withTags(tx, document));
    }

    ObjectNode updateSegment(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode document = require(inv, tx, app).deepCopy();
        apply(document, inv.input().path("WriteSegmentRequest"));
        document.put("Version", document.path("Version").asInt() + 1).put("LastModifiedDate", Timestamps.iso(inv.time()));
        engine.check(tx, app.accountId(), app.region(), app.id(), document, inv.time());
        segments.update(tx, app, document.get("Id").asText(), document);
        return AppsApi.wrap("SegmentResponse", withTags(tx, document));
    }

    ObjectNode getSegment(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap("SegmentResponse", withTags(tx, require(inv, tx, app)));
    }

    ObjectNode deleteSegment(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode response = withTags(tx, require(inv, tx, app));
        segments.delete(tx, app, response.get("Id").asText());
        tags.removeAll(tx, response.get("Arn").asText());
        return AppsApi.wrap("SegmentResponse", response);
    }

    ObjectNode getSegmentVersion(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        require(inv, tx, app);
        int version = Pages.version(inv);
        ObjectNode document = segments.findVersion(tx, app.accountId(), app.region(), app.id(),
                inv.input().path("SegmentId").asText(), version).orElseThrow(() -> PinpointErrors.notFound("Resource not found"));
        return AppsApi.wrap("SegmentResponse", withTags(tx, document));
    }

    ObjectNode getSegments(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        int size = Pages.size(inv);
        long after = Pages.position(inv, "segments", 0);
        return AppsApi.wrap("SegmentsResponse", Pages.page(segments.page(tx, app, after, size + 1), size, "segments",
                document -> withTags(tx, document)));
    }

    ObjectNode getSegmentVersions(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String id = require(inv, tx, app).get("Id").asText();
        int size = Pages.size(inv);
        long after = Pages.position(inv, "versions", 0);
        return AppsApi.wrap("SegmentsResponse", Pages.page(segments.versions(tx, app, id, after, size + 1), size, "versions",
                document -> withTags(tx, document)));
    }

    private ObjectNode require(Invocation inv, Tx tx, App app) throws SQLException {
        return segments.find(tx, app.accountId(), app.region(), app.id(), inv.input().path("SegmentId").asText())
                .orElseThrow(() -> PinpointErrors.notFound("Resource not found"));
    }

    private static void apply(ObjectNode document, JsonNode request) {
        for (String member : new String[] {"Name", "Dimensions", "SegmentGroups"}) {
            if (request.has(member)) {
                document.set(member, request.get(member).deepCopy());
            }
        }
    }

    private ObjectNode withTags(Tx tx, ObjectNode document) throws SQLException {
        ObjectNode response = document.deepCopy();
        response.set("tags", tags.tags(tx, document.get("Arn").asText()));
        return response;
    }
}
