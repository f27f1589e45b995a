// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns: CreateCampaign, GetCampaign, GetCampaigns, UpdateCampaign, DeleteCampaign, GetCampaignVersion,
 * GetCampaignVersions, GetCampaignActivities. A campaign targets a segment version (the current one unless named)
 * with a message (MessageConfiguration and/or TemplateConfiguration) on a Schedule; every update makes a new version
 * that keeps what the request leaves out. Its status (State and DefaultState) is SCHEDULED, PAUSED while IsPaused,
 * EXECUTING while an occurrence runs, PENDING_NEXT_RUN between the runs of a recurring campaign and COMPLETED after
 * its last; a deleted campaign answers once with DELETED. Treatments: the default one has TreatmentId {@code 0},
 * AdditionalTreatments {@code 1}, {@code 2}, … in order; HoldoutPercent plus their SizePercents is at most 100, the
 * default treatment getting what is left. Runs are {@link CampaignRunner}'s.
 */
final class CampaignsApi {
    private static final List<String> MEMBERS = List.of("AdditionalTreatments", "CustomDeliveryConfiguration",
            "Description", "HoldoutPercent", "Hook", "IsPaused", "Limits", "MessageConfiguration", "Name", "Priority",
            "Schedule", "SegmentId", "SegmentVersion", "TemplateConfiguration", "TreatmentDescription", "TreatmentName");

    private final AppsApi appsApi;
    private final CampaignRepository campaigns;
    private final SegmentRepository segments;
    private final TagRepository tags;
    private final TemplateRepository templates;

    CampaignsApi(AppsApi appsApi, CampaignRepository campaigns, SegmentRepository segments, TagRepository tags,
                 TemplateRepository templates) {
        this.appsApi = appsApi;
        this.templates = templates;
        this.campaigns = campaigns;
        this.segments = segments;
        this.tags = tags;
    }

    Map<String, dev.waymark.core.OperationHandler> handlers() {
        return Map.of("CreateCampaign", this::createCampaign, "GetCampaign", this::getCampaign,
                "GetCampaigns", this::getCampaigns, "UpdateCampaign", this::updateCampaign,
                "DeleteCampaign", this::deleteCampaign, "GetCampaignVersion", this::getCampaignVersion,
                "GetCampaignVersions", this::getCampaignVersions, "GetCampaignActivities", this::getCampaignActivities);
    }

    ObjectNode createCampaign(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("WriteCampaignRequest");
        Map<String, String> campaignTags = TagsApi.validTags(request.path("tags"));
        String id = Uuids.random().toString().replace("-", "");
        ObjectNode document = AppsApi.MAPPER.createObjectNode();
        document.put("ApplicationId", app.id()).put("Arn", app.arn() + "/campaigns/" + id)
                .put("CreationDate", Timestamps.iso(inv.time())).put("HoldoutPercent", 0).put("Id", id).put("IsPaused", false)
                .put("LastModifiedDate", Timestamps.iso(inv.time())).put("Version", 1);
        apply(document, request);
        CampaignSchedule schedule = check(tx, app, document, inv.time());
        campaigns.insert(tx, app, id, document);
        campaigns.place(tx, app, id, place(tx, app, id, document, schedule, inv.time()));
        tags.put(tx, document.get("Arn").asText(), campaignTags);
        return AppsApi.wrap("CampaignResponse", response(tx, app, document));
    }

    ObjectNode updateCampaign(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode document = require(inv, tx, app).deepCopy();
        String id = document.get("Id").asText();
        apply(document, inv.input().path("WriteCampaignRequest"));
        document.put("Version", document.path("Version").asInt() + 1).put("LastModifiedDate", Timestamps.iso(inv.time()));
        CampaignSchedule schedule = check(tx, app, document, inv.time());
        campaigns.update(tx, app, id, document);
        campaigns.place(tx, app, id, place(tx, app, id, document, schedule, inv.time()));
        return AppsApi.wrap("CampaignResponse", response(tx, app, document));
    }

    ObjectNode getCampaign(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap("CampaignResponse", response(tx, app, require(inv, tx, app)));
    }

    ObjectNode deleteCampaign(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode response = response(tx, app, require(inv, tx, app));
        String id = response.get("Id").asText();
        campaigns.delete(tx, app, id);
        campaigns.deleteRuns(tx, app, id);
        tags.removeAll(tx, response.get("Arn").asText());
        withStatus(response, "DELETED");
        return AppsApi.wrap("CampaignResponse", response);
    }

    ObjectNode getCampaignVersion(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode current = require(inv, tx, app);
        int version = Pages.version(inv);
        ObjectNode document = campaigns.findVersion(tx, app.accountId(), app.region(), app.id(), current.get("Id").asText(),
                version).orElseThrow(() -> PinpointErrors.notFound("Resource not found"));
        return AppsApi.wrap("CampaignResponse", response(tx, app, document));
    }

    ObjectNode getCampaigns(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        int size = Pages.size(inv);
        List<Pages.Entry> entries = campaigns.page(tx, app, Pages.position(inv, "campaigns", 0), size + 1);
        return AppsApi.wrap("CampaignsResponse", Pages.page(entries, size, "campaigns", document -> response(tx, app, document)));
    }

    ObjectNode getCampaignVersions(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String id = require(inv, tx, app).get("Id").asText();
        int size = Pages.size(inv);
        List<Pages.Entry> entries = campaigns.versions(tx, app, id, Pages.position(inv, "versions", 0), size + 1);
        return AppsApi.wrap("CampaignsResponse", Pages.page(entries, size, "versions", document -> response(tx, app, document)));
    }

    ObjectNode getCampaignActivities(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String id = require(inv, tx, app).get("Id").asText();
        int size = Pages.size(inv);
        List<Pages.Entry> entries = campaigns.activities(tx, app, id, Pages.position(inv, "activities", Long.MAX_VALUE), size + 1)
                .stream().map(activity -> new Pages.Entry(activity.seq(), activity(tx, activity))).toList();
        return AppsApi.wrap("ActivitiesResponse", Pages.page(entries, size, "activities", document -> document));
    }

    private ObjectNode activity(Tx tx, CampaignRepository.Activity activity) {
        ObjectNode item = AppsApi.MAPPER.createObjectNode();
        item.put("ApplicationId", activity.appId()).put("CampaignId", activity.campaignId()).put("Id", activity.id())
                .put("ScheduledStart", Timestamps.iso(Instant.ofEpochMilli(activity.occurrence())))
                .put("Start", Timestamps.iso(Instant.ofEpochMilli(activity.startedAt())))
                .put("State", activity.state().equals("PENDING") ? "EXECUTING" : activity.state())
                .put("TreatmentId", activity.treatmentId())
                .put("TotalEndpointCount", activity.total()).put("SuccessfulEndpointCount", activity.successful());
        activity.endedAt().ifPresent(end -> item.put("End", Timestamps.iso(Instant.ofEpochMilli(end))));
        activity.result().ifPresent(result -> item.put("Result", result));
        try {
            long[] waves = campaigns.waveCounts(tx, activity.accountId(), activity.region(), activity.appId(),
                    activity.campaignId(), activity.id());
            item.put("TimezonesTotalCount", waves[0]).put("TimezonesCompletedCount", waves[1]);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return item;
    }

    private ObjectNode require(Invocation inv, Tx tx, App app) throws SQLException {
        return campaigns.find(tx, app.accountId(), app.region(), app.id(), inv.input().path("CampaignId").asText())
                .orElseThrow(() -> PinpointErrors.notFound("Resource not found"));
    }

    private static void apply(ObjectNode document, JsonNode request) {
        for (String member : MEMBERS) {
            if (request.has(member) && !request.get(member).isNull()) {
                document.set(member, request.get(member).deepCopy());
            }
        }
        JsonNode treatments = document.path("AdditionalTreatments");
        if (treatments.isArray()) {
            for (int i = 0; i < treatments.size(); i++) {
                ((ObjectNode) treatments.get(i)).put("Id", Integer.toString(i + 1));
            }
        }
    }

    /** Checks the campaign as written, fixing its segment version; returns its schedule. */
    private CampaignSchedule check(Tx tx, App app, ObjectNode document, Instant now) throws SQLException {
        String segmentId = document.path("SegmentId").asText("");
        if (segmentId.isEmpty()) {
            throw PinpointErrors.badRequest("Missing required field: SegmentId");
        }
        ObjectNode segment = segments.find(tx, app.accountId(), app.region(), app.id(), segmentId)
                .orElseThrow(() -> PinpointErrors.notFound("Segment " + segmentId + " not found"));
        if (!document.has("SegmentVersion")) {
            document.put("SegmentVersion", segment.path("Version").asInt(1));
        } else if (segments.findVersion(tx, app.accountId(), app.region(), app.id(), segmentId,
                document.get("SegmentVersion").asInt()).isEmpty()) {
            throw PinpointErrors.notFound("Segment " + segmentId + " has no version " + document.get("SegmentVersion").asText());
        }
        if (!document.path("MessageConfiguration").isObject() && !document.path("TemplateConfiguration").isObject()) {
            throw PinpointErrors.badRequest("A campaign needs a MessageConfiguration or a TemplateConfiguration");
        }
        int share = percent(document, "HoldoutPercent");
        checkTemplates(tx, app, document.path("TemplateConfiguration"));
        for (JsonNode treatment : document.path("AdditionalTreatments")) {
            share += percent(treatment, "SizePercent");
            checkTemplates(tx, app, treatment.path("TemplateConfiguration"));
        }
        if (share > 100) {
            throw PinpointErrors.badRequest("HoldoutPercent and the treatments' SizePercent add up to more than 100");
        }
        CampaignLimits.check(document.path("Limits"));
        return CampaignSchedule.parse(document.path("Schedule"), now);
    }

    /** Every template the configuration names must exist (NotFoundException otherwise). */
    private void checkTemplates(Tx tx, App app, JsonNode configuration) throws SQLException {
        for (java.util.Iterator<String> it = configuration.fieldNames(); it.hasNext(); ) {
            TemplateLookup.find(templates, tx, app, configuration, it.next());
        }
    }

    private static int percent(JsonNode node, String member) {
        int value = node.path(member).asInt(0);
        if (value < 0 || value > 100) {
            throw PinpointErrors.badRequest(member + " must be between 0 and 100");
        }
        return value;
    }

    /**
     * Where the campaign stands after it was written: paused or not, and its next occurrence — the first of its
     * schedule, or, once it has run, the first after both its last run and now (occurrences missed while the
     * server was down are not made up, except the one that was due, which runs when the server is back).
     */
    private CampaignRepository.Place place(Tx tx, App app, String id, ObjectNode document, CampaignSchedule schedule,
                                           Instant now) throws SQLException {
        Optional<Long> lastRun = campaigns.lastOccurrence(tx, app, id);
        Optional<Instant> next = lastRun.isEmpty() ? schedule.occurrenceAfter(Optional.empty())
                : schedule.occurrenceAfter(Optional.of(Instant.ofEpochMilli(Math.max(lastRun.get(), now.toEpochMilli()))));
        String status;
        if (document.path("IsPaused").asBoolean(false)) {
            status = "PAUSED";
        } else if (campaigns.running(tx, app, id)) {
            status = "EXECUTING";
        } else if (next.isEmpty() && !schedule.eventTriggered()) {
            status = "COMPLETED";
        } else {
            status = lastRun.isPresent() ? "PENDING_NEXT_RUN" : "SCHEDULED";
        }
        return new CampaignRepository.Place(status, next.map(Instant::toEpochMilli),
                next.map(at -> schedule.runStart(at).toEpochMilli()));
    }

    /** The response of a campaign version: the document with the campaign's status and tags. */
    private ObjectNode response(Tx tx, App app, ObjectNode document) throws SQLException {
        ObjectNode response = document.deepCopy();
        String status = campaigns.place(tx, app.accountId(), app.region(), app.id(), document.get("Id").asText())
                .map(CampaignRepository.Place::status).orElse("DELETED");
        withStatus(response, status);
        response.set("tags", tags.tags(tx, document.get("Arn").asText()));
        return response;
    }

    private static void withStatus(ObjectNode response, String status) {
        response.putObject("State").put("CampaignStatus", status);
        response.putObject("DefaultState").put("CampaignStatus", status);
        JsonNode treatments = response.path("AdditionalTreatments");
        if (treatments instanceof ArrayNode list) {
            list.forEach(t -> ((ObjectNode) t).putObject("State").put("CampaignStatus", status));
        }
    }
}
