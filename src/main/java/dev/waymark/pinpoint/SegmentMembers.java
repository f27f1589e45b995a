// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The members of IMPORT segments (table {@code pinpoint_segment_member}): endpoint ids folded to lower case, each
 * with the segment version that first held it. Stateless.
 */
final class SegmentMembers {
    private static final String BY_SEGMENT = " WHERE account_id = ? AND region = ? AND app_id = ? AND segment_id = ?";

    /**
     * Adds endpoints to the segment from the given version on (ones it already holds keep their version); returns
     * those it did not hold.
     */
    List<String> add(Tx tx, App app, String segmentId, Collection<String> keys, int version) throws SQLException {
        List<String> added = new ArrayList<>();
        for (String key : keys) {
            int inserted = tx.update("INSERT INTO pinpoint_segment_member (account_id, region, app_id, segment_id, endpoint_key, since_version) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", app.accountId(), app.region(), app.id(), segmentId,
                    key, version);
            if (inserted > 0) {
                added.add(key);
            }
        }
        return added;
    }

    /** The members of the segment at the given version. */
    Set<String> keys(Tx tx, String accountId, String region, String appId, String segmentId, int version) throws SQLException {
        Set<String> keys = new HashSet<>();
        tx.query("SELECT endpoint_key FROM pinpoint_segment_member" + BY_SEGMENT + " AND since_version <= ?",
                rs -> keys.add(rs.getString(1)), accountId, region, appId, segmentId, version);
        return keys;
    }

    long count(Tx tx, App app, String segmentId) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM pinpoint_segment_member" + BY_SEGMENT, app.accountId(), app.region(),
                app.id(), segmentId);
    }
}
