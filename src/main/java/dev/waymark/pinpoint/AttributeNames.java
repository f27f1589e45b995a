// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The attribute names of an application by kind (table {@code pinpoint_attribute_name}), for Pinpoint's quota of
 * 250 attributes per application across custom attributes, metrics and user attributes, and for RemoveAttributes.
 */
final class AttributeNames {
    static final String CUSTOM = "endpoint-custom-attributes";
    static final String METRIC = "endpoint-metric-attributes";
    static final String USER = "endpoint-user-attributes";
    static final List<String> KINDS = List.of(CUSTOM, METRIC, USER);
    static final int MAX_PER_APPLICATION = 250;

    /**
     * The application's names as one request sees them, read once per request: those RemoveAttributes removed (as
     * {@code kind + "/" + name}: their new values are not captured) and those in use, counted against the quota.
     */
    static final class State {
        private final Set<String> removed;
        private final Set<String> used;

        private State(Set<String> removed, Set<String> used) {
            this.removed = removed;
            this.used = used;
        }

        boolean removed(String kind, String name) {
            return removed.contains(kind + "/" + name);
        }
    }

    State state(Tx tx, App app) throws SQLException {
        Set<String> removed = new HashSet<>();
        Set<String> used = new HashSet<>();
        tx.query("SELECT kind, name, removed FROM pinpoint_attribute_name WHERE account_id = ? AND region = ? AND app_id = ?",
                rs -> (rs.getInt(3) == 1 ? removed : used).add(rs.getString(1) + "/" + rs.getString(2)),
                app.accountId(), app.region(), app.id());
        return new State(removed, used);
    }

    /** Registers a name in use; fails when the application would have more attributes than its quota. */
    void use(Tx tx, App app, State state, String kind, String name) throws SQLException {
        String key = kind + "/" + name;
        if (state.removed.contains(key) || state.used.contains(key)) {
            return;
        }
        if (state.used.size() >= MAX_PER_APPLICATION) {
            throw PinpointErrors.badRequest("An application can have at most " + MAX_PER_APPLICATION
                    + " attributes across Attributes, Metrics and UserAttributes; " + name + " would exceed that");
        }
        tx.update("INSERT INTO pinpoint_attribute_name (account_id, region, app_id, kind, name) VALUES (?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), kind, name);
        state.used.add(key);
    }

    void remove(Tx tx, App app, String kind, List<String> names) throws SQLException {
        for (String name : names) {
            tx.update("INSERT INTO pinpoint_attribute_name (account_id, region, app_id, kind, name, removed) "
                            + "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (account_id, region, app_id, kind, name) DO UPDATE SET removed = 1",
                    app.accountId(), app.region(), app.id(), kind, name);
        }
    }
}
