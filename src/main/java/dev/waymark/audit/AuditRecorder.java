// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Set;

/**
 * Decides whether a call is recorded and appends its record. Thread-safe.
 *
 * @see RecordBuilder for the record itself
 */
public final class AuditRecorder {
    private final RecordBuilder builder;
    private final EventLog log;
    private final boolean enabled;
    private final Set<String> notRecordedOverride;

    /**
     * @param notRecordedOverride when non-null, replaces the operation tables' not-recorded lists
     *                            (entries {@code service:Operation} or {@code Operation})
     * @param enabled             false only for benchmarks that measure the cost of recording
     */
    public AuditRecorder(RecordBuilder builder, EventLog log, boolean enabled, Set<String> notRecordedOverride) {
        this.builder = builder;
        this.log = log;
        this.enabled = enabled;
        this.notRecordedOverride = notRecordedOverride == null ? null : Set.copyOf(notRecordedOverride);
    }

    public boolean records(CallFacts call) {
        return records(call.service(), call.operation());
    }

    /** Whether calls of the operation become records (recording on, and the operation not set aside). */
    public boolean records(dev.waymark.core.ServiceSpec service, dev.waymark.core.OperationSpec operation) {
        if (!enabled) {
            return false;
        }
        if (notRecordedOverride != null) {
            String name = operation.name();
            return !notRecordedOverride.contains(name) && !notRecordedOverride.contains(service.id() + ":" + name);
        }
        return operation.recorded();
    }

    /** The request parameters as a record of this service shows them (see {@link RecordBuilder#requestParameters}). */
    public com.fasterxml.jackson.databind.JsonNode requestParameters(String service,
                                                                      java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> parameters) {
        return builder.requestParameters(service, parameters);
    }

    /** Builds the record and everything to store with it, off the writer; null when the call is not recorded. */
    public EventLog.Prepared prepare(CallFacts call) {
        if (!records(call)) {
            return null;
        }
        ObjectNode record = builder.build(call);
        return EventLog.prepare(record, call.principal(), call.region(), RecordBuilder.eventTime(call.eventTime()));
    }

    /** Appends a prepared record in the given transaction (nothing for null). */
    public void append(Tx tx, EventLog.Prepared prepared) throws SQLException {
        if (prepared != null) {
            log.append(tx, prepared);
        }
    }

    /** Builds and appends the record in the given transaction, when the call is recorded. */
    public void append(Tx tx, CallFacts call) throws SQLException {
        append(tx, prepare(call));
    }
}
