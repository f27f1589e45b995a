// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The topic rows and their tags (rows of the shared resource_tag table, keyed by the topic ARN). */
final class TopicRepository {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A stored topic. {@code attributes} are the settable attributes as given (Policy, DisplayName, …). */
    record Topic(String arn, String accountId, String region, String name, Map<String, String> attributes,
                 long subscriptionsDeleted) {
        Topic {
            attributes = Map.copyOf(attributes);
        }
    }

    Optional<Topic> find(Tx tx, String arn) throws SQLException {
        return tx.queryOne("SELECT arn, account_id, region, name, attributes, subscriptions_deleted FROM sns_topic "
                + "WHERE arn = ?", TopicRepository::topic, arn);
    }

    void insert(Tx tx, Topic topic, long now) throws SQLException {
        tx.update("INSERT INTO sns_topic (arn, account_id, region, name, attributes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                topic.arn(), topic.accountId(), topic.region(), topic.name(), json(topic.attributes()), now);
    }

    void updateAttributes(Tx tx, String arn, Map<String, String> attributes) throws SQLException {
        tx.update("UPDATE sns_topic SET attributes = ? WHERE arn = ?", json(attributes), arn);
    }

    void countDeletedSubscription(Tx tx, String arn) throws SQLException {
        tx.update("UPDATE sns_topic SET subscriptions_deleted = subscriptions_deleted + 1 WHERE arn = ?", arn);
    }

    /** Deletes the topic with its tags; its subscriptions and their outbox rows must be gone already. */
    void delete(Tx tx, String arn) throws SQLException {
        tx.update("DELETE FROM resource_tag WHERE arn = ?", arn);
        tx.update("DELETE FROM sns_topic WHERE arn = ?", arn);
    }

    /** Topic ARNs of an account and region after {@code after}, in ARN order. */
    List<String> list(Tx tx, String accountId, String region, String after, int limit) throws SQLException {
        return tx.query("SELECT arn FROM sns_topic WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?",
                rs -> rs.getString(1), accountId, region, after, limit);
    }

    Map<String, String> tags(Tx tx, String arn) throws SQLException {
        Map<String, String> tags = new TreeMap<>();
        for (String[] row : tx.query("SELECT tag_key, value FROM resource_tag WHERE arn = ? ORDER BY tag_key",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, arn)) {
            tags.put(row[0], row[1]);
        }
        return tags;
    }

    void putTags(Tx tx, String arn, Map<String, String> tags) throws SQLException {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT (arn, tag_key) DO UPDATE SET value = excluded.value", arn, tag.getKey(), tag.getValue());
        }
    }

    void removeTags(Tx tx, String arn, List<String> keys) throws SQLException {
        for (String key : keys) {
            tx.update("DELETE FROM resource_tag WHERE arn = ? AND tag_key = ?", arn, key);
        }
    }

    private static Topic topic(ResultSet rs) throws SQLException {
        return new Topic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                attributes(rs.getString(5)), rs.getLong(6));
    }

    static Map<String, String> attributes(String json) throws SQLException {
        try {
            Map<String, String> result = new LinkedHashMap<>();
            MAPPER.readTree(json).properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
            return result;
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored topic's attributes are not JSON", e);
        }
    }

    private static String json(Map<String, String> attributes) {
        ObjectNode node = MAPPER.createObjectNode();
        new TreeMap<>(attributes).forEach(node::put);
        return node.toString();
    }
}
