// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Appends records to the event log, with the columns LookupEvents searches. Called inside the transaction of the
 * call the record describes.
 */
public final class EventLog {
    public void append(Tx tx, ObjectNode record, Principal principal, String region, Instant eventTime) throws SQLException {
        String errorCode = record.hasNonNull("errorCode") ? record.get("errorCode").asText() : null;
        tx.update("INSERT INTO event (event_id, account_id, region, event_time, event_name, event_source, read_only, "
                        + "username, access_key_id, error_code, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.get("eventID").asText(), principal.accountId(), region, eventTime.toEpochMilli(),
                record.get("eventName").asText(), record.get("eventSource").asText(),
                record.get("readOnly").asBoolean() ? 1 : 0, username(principal), principal.accessKeyId(), errorCode,
                record.toString());
        JsonNode resources = record.path("resources");
        if (resources.isArray() && !resources.isEmpty()) {
            long seq = tx.queryLong("SELECT last_insert_rowid()");
            for (JsonNode resource : resources) {
                tx.update("INSERT INTO event_resource (seq, account_id, region, event_time, resource_type, resource_name) "
                                + "VALUES (?, ?, ?, ?, ?, ?)", seq, principal.accountId(), region, eventTime.toEpochMilli(),
                        resource.path("type").asText(), resource.path("ARN").asText());
            }
        }
    }

    /**
     * The Username lookup attribute: the user name of an IAM user, "root" for the root, the session name of an
     * assumed role, the name of a federated user.
     */
    static String username(Principal principal) {
        if (principal.type() == IdentityType.ROOT) {
            return "root";
        }
        if (principal.type() == IdentityType.IAM_USER) {
            return principal.userName().orElse(null);
        }
        String arn = principal.arn();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
