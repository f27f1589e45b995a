// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Create/Get/Update/DeleteRecommenderConfiguration and GetRecommenderConfigurations, per account and region:
 * <b>state only</b>. The configuration is checked and kept as Pinpoint shows it, but Waymark calls no Amazon
 * Personalize campaign and no transformer Lambda, so messages never carry recommendations. Checks (Pinpoint's
 * documented rules where it gives them, Waymark's choice otherwise): the provider and role are ARNs of a Personalize
 * campaign and an IAM role, the id type is PINPOINT_ENDPOINT_ID (default) or PINPOINT_USER_ID, 1–5 recommendations
 * per message (default 5), names and descriptions at most 128 characters, at most 10 Attributes named
 * {@code Recommendations.<name>} and only with a RecommendationTransformerUri, a display name of at most 25.
 */
final class RecommendersApi {
    private static final Pattern PERSONALIZE = Pattern.compile("arn:aws[a-z-]*:personalize:[a-z0-9-]+:\\d{12}:campaign/.+");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
    private static final Pattern ATTRIBUTE = Pattern.compile("Recommendations\\.[A-Za-z0-9_-]{1,50}");
    private static final List<String> ID_TYPES = List.of("PINPOINT_ENDPOINT_ID", "PINPOINT_USER_ID");
    private static final String PAGES = "recommenders";

    ObjectNode create(Invocation inv, Tx tx) throws SQLException {
        String id = Uuids.random().toString().replace("-", "");
        String now = Timestamps.iso(inv.time());
        ObjectNode configuration = configuration(inv.input().path("CreateRecommenderConfiguration"), id, now, now);
        long seq = tx.queryLong("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM pinpoint_recommender WHERE account_id = ? "
                + "AND region = ?", inv.accountId(), inv.region());
        tx.update("INSERT INTO pinpoint_recommender (account_id, region, id, created_seq, configuration) VALUES (?, ?, ?, ?, ?)",
                inv.accountId(), inv.region(), id, seq, configuration.toString());
        return AppsApi.wrap("RecommenderConfigurationResponse", configuration);
    }

    ObjectNode get(Invocation inv, Tx tx) throws SQLException {
        return AppsApi.wrap("RecommenderConfigurationResponse", require(inv, tx));
    }

    ObjectNode list(Invocation inv, Tx tx) throws SQLException {
        int size = Pages.size(inv);
        long after = Pages.position(inv, PAGES, 0);
        List<Pages.Entry> entries = tx.query("SELECT created_seq, configuration FROM pinpoint_recommender WHERE account_id = ? "
                        + "AND region = ? AND created_seq > ? ORDER BY created_seq LIMIT ?",
                rs -> new Pages.Entry(rs.getLong(1), parse(rs.getString(2))), inv.accountId(), inv.region(), after, size + 1);
        return AppsApi.wrap("ListRecommenderConfigurationsResponse", Pages.page(entries, size, PAGES, document -> document));
    }

    ObjectNode update(Invocation inv, Tx tx) throws SQLException {
        ObjectNode current = require(inv, tx);
        ObjectNode configuration = configuration(inv.input().path("UpdateRecommenderConfiguration"), current.path("Id").asText(),
                current.path("CreationDate").asText(), Timestamps.iso(inv.time()));
        tx.update("UPDATE pinpoint_recommender SET configuration = ? WHERE account_id = ? AND region = ? AND id = ?",
                configuration.toString(), inv.accountId(), inv.region(), current.path("Id").asText());
        return AppsApi.wrap("RecommenderConfigurationResponse", configuration);
    }

    ObjectNode delete(Invocation inv, Tx tx) throws SQLException {
        ObjectNode current = require(inv, tx);
        tx.update("DELETE FROM pinpoint_recommender WHERE account_id = ? AND region = ? AND id = ?", inv.accountId(),
                inv.region(), current.path("Id").asText());
        return AppsApi.wrap("RecommenderConfigurationResponse", current);
    }

    private static ObjectNode require(Invocation inv, Tx tx) throws SQLException {
        Optional<String> stored = tx.queryOne("SELECT configuration FROM pinpoint_recommender WHERE account_id = ? "
                        + "AND region = ? AND id = ?", rs -> rs.getString(1), inv.accountId(), inv.region(),
                inv.input().path("RecommenderId").asText());
        return parse(stored.orElseThrow(() -> PinpointErrors.notFound("Recommender configuration not found")));
    }

    /** The configuration a request describes, checked, as RecommenderConfigurationResponse shows it. */
    private static ObjectNode configuration(JsonNode in, String id, String created, String modified) {
        String uri = in.path("RecommendationProviderUri").asText("");
        if (!PERSONALIZE.matcher(uri).matches()) {
            throw PinpointErrors.badRequest("RecommendationProviderUri must be the ARN of an Amazon Personalize campaign");
        }
        String role = in.path("RecommendationProviderRoleArn").asText("");
        if (!ROLE.matcher(role).matches()) {
            throw PinpointErrors.badRequest("RecommendationProviderRoleArn must be the ARN of an IAM role");
        }
        String idType = in.path("RecommendationProviderIdType").asText("PINPOINT_ENDPOINT_ID");
        if (!ID_TYPES.contains(idType)) {
            throw PinpointErrors.badRequest("RecommendationProviderIdType must be one of " + ID_TYPES);
        }
        int perMessage = Members.integer(in, "RecommendationsPerMessage", 5, 1, 5);
        ObjectNode out = AppsApi.MAPPER.createObjectNode();
        attributes(in, out);
        out.put("CreationDate", created);
        text(in, out, "Description", 128);
        out.put("Id", id).put("LastModifiedDate", modified);
        text(in, out, "Name", 128);
        out.put("RecommendationProviderIdType", idType).put("RecommendationProviderRoleArn", role)
                .put("RecommendationProviderUri", uri);
        text(in, out, "RecommendationTransformerUri", 256);
        text(in, out, "RecommendationsDisplayName", 25);
        return out.put("RecommendationsPerMessage", perMessage);
    }

    private static void attributes(JsonNode in, ObjectNode out) {
        JsonNode attributes = in.path("Attributes");
        if (attributes.isMissingNode() || attributes.isNull() || attributes.isEmpty()) {
            return;
        }
        if (in.path("RecommendationTransformerUri").asText("").isEmpty()) {
            throw PinpointErrors.badRequest("Attributes require a RecommendationTransformerUri");
        }
        if (attributes.size() > 10) {
            throw PinpointErrors.badRequest("At most 10 Attributes are allowed");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!ATTRIBUTE.matcher(name).matches()) {
                throw PinpointErrors.badRequest("Attribute " + name + " must be named Recommendations.<name>");
            }
        }
        out.set("Attributes", attributes.deepCopy());
    }

    private static void text(JsonNode in, ObjectNode out, String member, int max) {
        String value = Members.atMost(in.path(member).asText(""), max, member);
        if (!value.isEmpty()) {
            out.put(member, value);
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored recommender configuration is not JSON", e);
        }
    }
}
