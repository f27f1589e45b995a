// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one campaign version's message to endpoints, for the scheduled runs ({@link CampaignRunner}) and the
 * event-triggered sends ({@link CampaignTriggers}) alike. An endpoint is offered; it is left out when it is
 * inactive, held out, or in another treatment than the one asked for; else it is targeted, and sent the message of
 * its treatment unless it is in quiet time or past the campaign's Daily or Total limit, or its channel cannot be
 * sent on (or its template has gone). Contents are read once per treatment and platform.
 */
final class CampaignMessages {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignMessages.class);

    private final CampaignRepository campaigns;
    private final TemplateRepository templates;
    private final MessageSender sender;

    CampaignMessages(CampaignRepository campaigns, TemplateRepository templates, MessageSender sender) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.sender = sender;
    }

    /** What became of an offered endpoint: left out, or targeted (and sent to, or not) in a treatment. */
    record Outcome(boolean targeted, boolean sent, String treatment) {
        static final Outcome LEFT_OUT = new Outcome(false, false, CampaignAudience.HOLDOUT);
    }

    /** Sending for a campaign version within one transaction. */
    Run run(Tx tx, App app, ObjectNode campaign, long now) {
        return new Run(tx, app, campaign, now);
    }

    final class Run {
        private final Tx tx;
        private final App app;
        private final ObjectNode campaign;
        private final long now;
        private final CampaignSchedule schedule;
        private final CampaignLimits limits;
        private final MessageSender.Batch batch;
        private final Map<String, Optional<MessageContent>> contents = new HashMap<>();

        private Run(Tx tx, App app, ObjectNode campaign, long now) {
            this.tx = tx;
            this.app = app;
            this.campaign = campaign;
            this.now = now;
            this.schedule = CampaignMessages.schedule(campaign);
            this.limits = CampaignLimits.of(campaign.path("Limits"));
            this.batch = sender.batch(tx, app);
        }

        CampaignSchedule schedule() {
            return schedule;
        }

        /** Offers the endpoint; {@code treatment}: the one this send is for, or empty for whichever it is in. */
        Outcome offer(ObjectNode endpoint, Optional<String> treatment) throws SQLException {
            String endpointId = endpoint.path("Id").asText();
            String actual = CampaignAudience.treatment(campaign, endpointId);
            if (actual.equals(CampaignAudience.HOLDOUT) || treatment.isPresent() && !treatment.get().equals(actual)
                    || "INACTIVE".equals(endpoint.path("EndpointStatus").asText())) {
                return Outcome.LEFT_OUT;
            }
            String key = EndpointWriter.key(endpointId);
            String campaignId = campaign.path("Id").asText();
            long day = now / 86_400_000L;
            if (schedule.quietFor(CampaignSchedule.zoneOf(endpoint), Instant.ofEpochMilli(now)) || overLimit(campaignId, key, day)) {
                return new Outcome(true, false, actual);
            }
            String platform = endpoint.path("ChannelType").asText("");
            Optional<MessageContent> content = contents.computeIfAbsent(actual + "/" + platform, k -> content(actual, platform));
            if (content.isEmpty()) {
                return new Outcome(true, false, actual);
            }
            ObjectNode result = batch.send(new MessageSender.Recipient(platform, endpoint.path("Address").asText(""),
                    Optional.of(endpoint), List.of()), content.get(), null, now);
            boolean sent = "SUCCESSFUL".equals(result.path("DeliveryStatus").asText());
            if (sent && limits.perEndpoint()) {
                campaigns.countSent(tx, app, campaignId, key, day);
            }
            return new Outcome(true, sent, actual);
        }

        private boolean overLimit(String campaignId, String key, long day) throws SQLException {
            if (!limits.perEndpoint()) {
                return false;
            }
            long[] sent = campaigns.sentTo(tx, app, campaignId, key, day);
            return limits.daily() > 0 && sent[0] >= limits.daily() || limits.total() > 0 && sent[1] >= limits.total();
        }

        private Optional<MessageContent> content(String treatmentId, String platform) {
            if (!MessageContent.SENDABLE.contains(platform)) {
                return Optional.empty();
            }
            JsonNode treatment = treatment(treatmentId);
            try {
                return Optional.of(MessageContent.campaign(platform, member(treatment, "MessageConfiguration"),
                        TemplateLookup.find(templates, tx, app, member(treatment, "TemplateConfiguration"),
                                MessageContent.templateMember(platform))));
            } catch (AwsException | SQLException e) {
                LOG.warn("campaign {}: nothing is sent on {}: {}", campaign.path("Id").asText(), platform, e.getMessage());
                return Optional.empty();
            }
        }

        private JsonNode treatment(String treatmentId) {
            for (JsonNode treatment : campaign.path("AdditionalTreatments")) {
                if (treatment.path("Id").asText().equals(treatmentId)) {
                    return treatment;
                }
            }
            return campaign;
        }

        /** The treatment's own member, else the campaign's. */
        private JsonNode member(JsonNode treatment, String name) {
            return treatment.path(name).isObject() ? treatment.get(name) : campaign.path(name);
        }
    }

    static CampaignSchedule schedule(ObjectNode campaign) {
        return CampaignSchedule.parse(campaign.path("Schedule"), Instant.parse(campaign.path("LastModifiedDate").asText()));
    }
}
