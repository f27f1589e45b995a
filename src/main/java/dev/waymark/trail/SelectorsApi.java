// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * PutEventSelectors/GetEventSelectors (basic or advanced, cloudtrail.md §7.6) and PutInsightSelectors/
 * GetInsightSelectors (§7.7), stored with the trail. A trail without selectors of its own logs all management
 * events, as a trail created through the API does.
 */
final class SelectorsApi {
    private static final Set<String> READ_WRITE = Set.of("ReadOnly", "WriteOnly", "All");
    private static final Set<String> EXCLUDABLE = Set.of("kms.amazonaws.com", "rdsdata.amazonaws.com");
    private static final Set<String> DATA_TYPES = Set.of("AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table");
    private static final Set<String> FIELDS = Set.of("eventCategory", "eventSource", "readOnly", "eventName",
            "eventType", "resources.type", "resources.ARN", "sessionCredentialFromConsole", "userIdentity.arn",
            "errorCode", "vpcEndpointId");
    private static final String DEFAULT_SELECTORS = "[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,"
            + "\"DataResources\":[],\"ExcludeManagementEventSources\":[]}]";

    private final TrailRepository trails;

    SelectorsApi(TrailRepository trails) {
        this.trails = trails;
    }

    ObjectNode putEventSelectors(Invocation inv, Tx tx) throws SQLException {
        JsonNode in = inv.input();
        Trail t = TrailLookup.inHomeRegion(tx, trails, inv, in.path("TrailName").asText());
        boolean basic = in.has("EventSelectors");
        boolean advanced = in.has("AdvancedEventSelectors");
        if (basic == advanced) {
            throw TrailErrors.of("InvalidParameterCombinationException",
                    "Specify either EventSelectors or AdvancedEventSelectors, not both and not neither.");
        }
        if (basic) {
            checkBasic(in.get("EventSelectors"));
        } else {
            checkAdvanced(in.get("AdvancedEventSelectors"));
        }
        Trail changed = t.withEventSelectors(
                basic ? Optional.of(in.get("EventSelectors").toString()) : Optional.empty(),
                advanced ? Optional.of(in.get("AdvancedEventSelectors").toString()) : Optional.empty());
        trails.save(tx, changed, inv.time().toEpochMilli());
        return selectors(changed);
    }

    ObjectNode getEventSelectors(Invocation inv, Tx tx) throws SQLException {
        return selectors(TrailLookup.visible(tx, trails, inv, inv.input().path("TrailName").asText()));
    }

    private static ObjectNode selectors(Trail trail) {
        ObjectNode out = TrailsApi.MAPPER.createObjectNode().put("TrailARN", trail.arn());
        if (trail.advancedSelectors().isPresent()) {
            out.set("AdvancedEventSelectors", parse(trail.advancedSelectors().get()));
        } else {
            out.set("EventSelectors", parse(trail.eventSelectors().orElse(DEFAULT_SELECTORS)));
        }
        return out;
    }

    private static void checkBasic(JsonNode selectors) {
        if (selectors.isEmpty() || selectors.size() > 5) {
            throw invalid("A trail can have 1 to 5 event selectors.");
        }
        int dataResources = 0;
        for (JsonNode selector : selectors) {
            if (selector.has("ReadWriteType") && !READ_WRITE.contains(selector.get("ReadWriteType").asText())) {
                throw invalid("ReadWriteType must be ReadOnly, WriteOnly or All.");
            }
            for (JsonNode source : selector.path("ExcludeManagementEventSources")) {
                if (!EXCLUDABLE.contains(source.asText())) {
                    throw invalid("ExcludeManagementEventSources may only contain kms.amazonaws.com and rdsdata.amazonaws.com.");
                }
            }
            for (JsonNode resource : selector.path("DataResources")) {
                if (!DATA_TYPES.contains(resource.path("Type").asText())) {
                    throw invalid("Unsupported data resource type: " + resource.path("Type").asText());
                }
                dataResources += Math.max(1, resource.path("Values").size());
            }
        }
        if (dataResources > 250) {
            throw invalid("A trail can have at most 250 data resources.");
        }
    }

    private static void checkAdvanced(JsonNode selectors) {
        if (selectors.isEmpty()) {
            throw invalid("At least one advanced event selector is required.");
        }
        int values = 0;
        for (JsonNode selector : selectors) {
            boolean category = false;
            for (JsonNode field : selector.path("FieldSelectors")) {
                String name = field.path("Field").asText();
                if (!FIELDS.contains(name)) {
                    throw invalid("Unsupported field: " + name);
                }
                category |= name.equals("eventCategory");
                for (String operator : new String[] {"Equals", "StartsWith", "EndsWith", "NotEquals", "NotStartsWith", "NotEndsWith"}) {
                    values += field.path(operator).size();
                    if (!operator.equals("Equals") && field.has(operator) && Set.of("readOnly", "eventCategory", "resources.type").contains(name)) {
                        throw invalid("Field " + name + " accepts only Equals.");
                    }
                }
            }
            if (!category) {
                throw invalid("Each advanced event selector needs an eventCategory field.");
            }
        }
        if (values > 500) {
            throw invalid("Advanced event selectors can have at most 500 values.");
        }
    }

    ObjectNode putInsightSelectors(Invocation inv, Tx tx) throws SQLException {
        JsonNode in = inv.input();
        Trail t = TrailLookup.inHomeRegion(tx, trails, inv, in.path("TrailName").asText());
        JsonNode selectors = in.path("InsightSelectors");
        for (JsonNode selector : selectors) {
            String type = selector.path("InsightType").asText();
            if (!type.equals("ApiCallRateInsight") && !type.equals("ApiErrorRateInsight")) {
                throw TrailErrors.of("InvalidInsightSelectorsException", "Unsupported InsightType: " + type);
            }
        }
        Trail changed = t.withInsightSelectors(selectors.isEmpty() ? Optional.empty() : Optional.of(selectors.toString()));
        trails.save(tx, changed, inv.time().toEpochMilli());
        ObjectNode out = TrailsApi.MAPPER.createObjectNode().put("TrailARN", t.arn());
        out.set("InsightSelectors", selectors);
        return out;
    }

    ObjectNode getInsightSelectors(Invocation inv, Tx tx) throws SQLException {
        Trail trail = TrailLookup.visible(tx, trails, inv, inv.input().path("TrailName").asText());
        if (trail.insightSelectors().isEmpty()) {
            throw TrailErrors.of("InsightNotEnabledException", "Trail " + trail.name() + " does not have Insights "
                    + "enabled. Edit the trail settings to enable Insights, and then try the operation again.");
        }
        ObjectNode out = TrailsApi.MAPPER.createObjectNode().put("TrailARN", trail.arn());
        out.set("InsightSelectors", parse(trail.insightSelectors().get()));
        return out;
    }

    private static RuntimeException invalid(String message) {
        return TrailErrors.of("InvalidEventSelectorsException", message);
    }

    private static JsonNode parse(String json) {
        try {
            return TrailsApi.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
