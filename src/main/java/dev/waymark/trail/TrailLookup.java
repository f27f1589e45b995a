// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds the trail a request names. A name matches a trail homed in the request's region; an ARN matches the trail
 * it names, in any region, and is how a shadow copy of a multi-region trail is reached — and how a member account
 * reaches its organization's trail, which it may read but not change.
 */
final class TrailLookup {
    private TrailLookup() {
    }

    static Optional<Trail> find(Tx tx, TrailRepository trails, Invocation inv, String nameOrArn) throws SQLException {
        if (!nameOrArn.startsWith("arn:")) {
            TrailRules.checkName(nameOrArn);
            return trails.find(tx, inv.accountId(), inv.region(), nameOrArn);
        }
        String[] parts = nameOrArn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("cloudtrail") || !parts[5].startsWith("trail/")) {
            throw TrailErrors.of("CloudTrailARNInvalidException", "The ARN " + nameOrArn + " is not valid.");
        }
        boolean own = parts[4].equals(inv.accountId());
        if (!own && Organizations.of(tx, inv.accountId()).filter(o -> o.managedBy(parts[4])).isEmpty()) {
            return Optional.empty();
        }
        Optional<Trail> trail = trails.find(tx, parts[4], parts[3], parts[5].substring("trail/".length()));
        return trail.filter(t -> own || t.organization()).filter(t -> t.homeRegion().equals(inv.region()) || t.multiRegion());
    }

    static Trail visible(Tx tx, TrailRepository trails, Invocation inv, String nameOrArn) throws SQLException {
        return find(tx, trails, inv, nameOrArn).orElseThrow(() -> TrailErrors.notFound(nameOrArn, inv.accountId()));
    }

    /**
     * A trail that may be changed from here: the caller's own (a member account cannot change its organization's
     * trail), in its home region.
     */
    static Trail inHomeRegion(Tx tx, TrailRepository trails, Invocation inv, String nameOrArn) throws SQLException {
        Trail trail = visible(tx, trails, inv, nameOrArn);
        if (!trail.accountId().equals(inv.accountId())) {
            throw TrailErrors.notManagementAccount(inv.accountId());
        }
        if (!trail.homeRegion().equals(inv.region())) {
            throw TrailErrors.notHomeRegion(trail, inv.region());
        }
        return trail;
    }
}
