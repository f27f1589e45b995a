// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Event-triggered campaigns (Schedule.Frequency EVENT): an event PutEvents accepts sends each such campaign of the
 * application — not paused, between its StartTime and EndTime — to the event's endpoint, in the same transaction,
 * when the event matches the campaign's EventFilter Dimensions (EventType, Attributes, Metrics) and the endpoint is
 * in the campaign's segment, with the holdout, treatments, quiet time and limits of scheduled runs
 * ({@link CampaignMessages}). Each treatment's sends of a UTC day are counted in one activity of that day.
 * FilterType is not told apart: ENDPOINT and SYSTEM filters both match the events PutEvents receives.
 */
final class CampaignTriggers {
    private static final long DAY = 86_400_000L;

    private final CampaignRepository campaigns;
    private final SegmentRepository segments;
    private final SegmentEngine engine;
    private final CampaignMessages messages;

    CampaignTriggers(CampaignRepository campaigns, SegmentRepository segments, SegmentEngine engine,
                     CampaignMessages messages) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.engine = engine;
        this.messages = messages;
    }

    /** The event-triggered campaigns of an application live now, read once for one PutEvents call. */
    Session session(Tx tx, App app, Instant now) throws SQLException {
        List<Armed> armed = new ArrayList<>();
        for (String id : campaigns.unscheduled(tx, app)) {
            Optional<ObjectNode> campaign = campaigns.find(tx, app.accountId(), app.region(), app.id(), id);
            if (campaign.isEmpty()) {
                continue;
            }
            CampaignSchedule schedule = CampaignMessages.schedule(campaign.get());
            boolean live = schedule.eventTriggered() && !schedule.start().toInstant().isAfter(now)
                    && schedule.end().map(now::isBefore).orElse(true);
            if (live) {
                armed.add(new Armed(campaign.get(), DimensionCompiler.compileEvent(
                        campaign.get().path("Schedule").path("EventFilter").path("Dimensions"))));
            }
        }
        return new Session(tx, app, now, armed);
    }

    private record Armed(ObjectNode campaign, Predicate<Candidate> filter) {
    }

    final class Session {
        private final Tx tx;
        private final App app;
        private final Instant now;
        private final List<Armed> armed;

        private Session(Tx tx, App app, Instant now, List<Armed> armed) {
            this.tx = tx;
            this.app = app;
            this.now = now;
            this.armed = armed;
        }

        /** Whether any campaign waits for events: when none does, events need not be looked at. */
        boolean armed() {
            return !armed.isEmpty();
        }

        /** Fires the campaigns the event matches at its endpoint. */
        void fire(StoredEndpoint endpoint, JsonNode event) throws SQLException {
            Candidate asEvent = new Candidate(eventDocument(event), 0);
            ObjectNode document = endpoint.response(app.id());
            for (Armed campaign : armed) {
                if (campaign.filter().test(asEvent) && inSegment(campaign.campaign(), document, endpoint.activeAt())) {
                    send(campaign.campaign(), document);
                }
            }
        }

        private boolean inSegment(ObjectNode campaign, JsonNode endpoint, long activeAt) throws SQLException {
            Optional<ObjectNode> segment = segments.findVersion(tx, app.accountId(), app.region(), app.id(),
                    campaign.path("SegmentId").asText(), campaign.path("SegmentVersion").asInt(1));
            return segment.isPresent() && engine.holds(tx, app.accountId(), app.region(), app.id(), segment.get(), now,
                    endpoint, activeAt);
        }

        private void send(ObjectNode campaign, ObjectNode endpoint) throws SQLException {
            CampaignMessages.Outcome outcome = messages.run(tx, app, campaign, now.toEpochMilli()).offer(endpoint, Optional.empty());
            if (!outcome.targeted()) {
                return;
            }
            String id = campaign.path("Id").asText();
            long day = now.toEpochMilli() / DAY * DAY;
            campaigns.addActivity(tx, new CampaignRepository.Activity(app.accountId(), app.region(), app.id(), id,
                    Uuids.random().toString().replace("-", ""), 0, outcome.treatment(), day, campaign.path("Version").asInt(),
                    "COMPLETED", now.toEpochMilli(), Optional.empty(), 0, 0, Optional.empty()));
            campaigns.counted(tx, app, id, outcome.treatment(), day, outcome.sent() ? 1 : 0, now.toEpochMilli());
        }
    }

    /** The event as EventDimensions test it: its attribute values as one-element lists, like endpoint attributes. */
    private static ObjectNode eventDocument(JsonNode event) {
        ObjectNode document = AppsApi.MAPPER.createObjectNode();
        document.put("EventType", event.path("EventType").asText(""));
        ObjectNode attributes = document.putObject("Attributes");
        for (Map.Entry<String, JsonNode> attribute : event.path("Attributes").properties()) {
            attributes.putArray(attribute.getKey()).add(attribute.getValue().asText());
        }
        if (event.path("Metrics").isObject()) {
            document.set("Metrics", event.get("Metrics").deepCopy());
        }
        return document;
    }
}
