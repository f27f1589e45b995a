// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Tags of resources, keyed by ARN. */
final class TagRepository {
    ObjectNode tags(Tx tx, String arn) throws SQLException {
        ObjectNode tags = JsonNodeFactory.instance.objectNode();
        tx.query("SELECT tag_key, value FROM resource_tag WHERE arn = ? ORDER BY tag_key",
                rs -> tags.put(rs.getString(1), rs.getString(2)), arn);
        return tags;
    }

    /** The tags of several resources in one query, by ARN (every ARN asked for has an entry). */
    Map<String, ObjectNode> tags(Tx tx, List<String> arns) throws SQLException {
        Map<String, ObjectNode> result = new java.util.LinkedHashMap<>();
        if (arns.isEmpty()) {
            return result;
        }
        StringBuilder sql = new StringBuilder("SELECT arn, tag_key, value FROM resource_tag WHERE arn IN (");
        for (int i = 0; i < arns.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
            result.put(arns.get(i), JsonNodeFactory.instance.objectNode());
        }
        tx.query(sql.append(") ORDER BY arn, tag_key").toString(),
                rs -> result.get(rs.getString(1)).put(rs.getString(2), rs.getString(3)), arns.toArray());
        return result;
    }

    long count(Tx tx, String arn) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM resource_tag WHERE arn = ?", arn);
    }

    void put(Tx tx, String arn, Map<String, String> tags) throws SQLException {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT (arn, tag_key) DO UPDATE SET value = excluded.value", arn, tag.getKey(), tag.getValue());
        }
    }

    void remove(Tx tx, String arn, Iterable<String> keys) throws SQLException {
        for (String key : keys) {
            tx.update("DELETE FROM resource_tag WHERE arn = ? AND tag_key = ?", arn, key);
        }
    }

    void removeAll(Tx tx, String arn) throws SQLException {
        tx.update("DELETE FROM resource_tag WHERE arn = ?", arn);
    }
}
