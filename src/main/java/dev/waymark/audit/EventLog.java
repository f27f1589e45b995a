// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends records to the event log, with the columns LookupEvents searches. Called inside the transaction of the
 * call the record describes.
 */
public final class EventLog {
    /** A record ready to append: its JSON text and the columns LookupEvents searches, computed off the writer. */
    public record Prepared(String eventId, String accountId, String region, long eventTime, String eventName,
                           String eventSource, boolean readOnly, String username, String accessKeyId,
                           String errorCode, String text, List<String[]> resources) {
    }

    public static Prepared prepare(ObjectNode record, Principal principal, String region, Instant eventTime) {
        List<String[]> resources = new ArrayList<>();
        record.path("resources").forEach(r -> resources.add(new String[] {r.path("type").asText(), r.path("ARN").asText()}));
        return new Prepared(record.get("eventID").asText(), principal.accountId(), region, eventTime.toEpochMilli(),
                record.get("eventName").asText(), record.get("eventSource").asText(),
                record.get("readOnly").asBoolean(), username(principal),
                principal.isAnonymous() ? null : principal.accessKeyId(),
                record.hasNonNull("errorCode") ? record.get("errorCode").asText() : null, record.toString(), resources);
    }

    public void append(Tx tx, Prepared event) throws SQLException {
        String insert = "INSERT INTO event (event_id, account_id, region, event_time, event_name, event_source, read_only, "
                + "username, access_key_id, error_code, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Object[] values = {event.eventId(), event.accountId(), event.region(), event.eventTime(), event.eventName(),
                event.eventSource(), event.readOnly() ? 1 : 0, event.username(), event.accessKeyId(),
                event.errorCode(), event.text()};
        if (event.resources().isEmpty()) {
            tx.update(insert, values);
            return;
        }
        long seq = tx.queryLong(insert + " RETURNING seq", values);
        for (String[] resource : event.resources()) {
            tx.update("INSERT INTO event_resource (seq, account_id, region, event_time, resource_type, resource_name) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", seq, event.accountId(), event.region(),
                    event.eventTime(), resource[0], resource[1]);
        }
    }

    /**
     * The Username lookup attribute: the user name of an IAM user, "root" for the root, the session name of an
     * assumed role, the name of a federated user; none for an anonymous caller.
     */
    static String username(Principal principal) {
        if (principal.isAnonymous()) {
            return null;
        }
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
