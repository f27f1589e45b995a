// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Trails in the store. */
final class TrailRepository {
    private static final String COLUMNS = "account_id, home_region, name, s3_bucket, s3_prefix, include_global, "
            + "multi_region, log_validation, kms_key_id, is_logging, start_logging_time, stop_logging_time, "
            + "event_selectors, advanced_selectors, insight_selectors, sns_topic, is_organization";

    void save(Tx tx, Trail trail, long now) throws SQLException {
        tx.update("INSERT INTO trail (account_id, home_region, name, s3_bucket, s3_prefix, include_global, multi_region, "
                        + "log_validation, kms_key_id, is_organization, is_logging, start_logging_time, stop_logging_time, "
                        + "event_selectors, advanced_selectors, insight_selectors, sns_topic, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (account_id, home_region, name) DO UPDATE SET s3_bucket = excluded.s3_bucket, "
                        + "s3_prefix = excluded.s3_prefix, include_global = excluded.include_global, "
                        + "multi_region = excluded.multi_region, log_validation = excluded.log_validation, "
                        + "kms_key_id = excluded.kms_key_id, is_logging = excluded.is_logging, "
                        + "start_logging_time = excluded.start_logging_time, stop_logging_time = excluded.stop_logging_time, "
                        + "event_selectors = excluded.event_selectors, advanced_selectors = excluded.advanced_selectors, "
                        + "insight_selectors = excluded.insight_selectors, sns_topic = excluded.sns_topic, "
                        + "is_organization = excluded.is_organization",
                trail.accountId(), trail.homeRegion(), trail.name(), trail.bucket(), trail.prefix().orElse(null),
                flag(trail.includeGlobalServiceEvents()), flag(trail.multiRegion()), flag(trail.logFileValidation()),
                trail.kmsKeyId().orElse(null), flag(trail.organization()), flag(trail.logging()),
                trail.startLoggingTime().orElse(null), trail.stopLoggingTime().orElse(null),
                trail.eventSelectors().orElse(null), trail.advancedSelectors().orElse(null),
                trail.insightSelectors().orElse(null), trail.snsTopicArn().orElse(null), now);
    }

    Optional<Trail> find(Tx tx, String accountId, String homeRegion, String name) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM trail WHERE account_id = ? AND home_region = ? AND name = ? "
                + "AND retired_at IS NULL", TrailRepository::trail, accountId, homeRegion, name);
    }

    /** The account's own trails seen from a region: those homed there, then the multi-region trails homed elsewhere. */
    List<Trail> owned(Tx tx, String accountId, String region) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM trail WHERE account_id = ? AND (home_region = ? OR multi_region = 1) "
                + "AND retired_at IS NULL ORDER BY home_region <> ?, name", TrailRepository::trail, accountId, region, region);
    }

    /**
     * The trails seen from a region by an account: its own, then the organization trails of its organization's
     * management account, which every member account sees.
     */
    List<Trail> visible(Tx tx, String accountId, String region) throws SQLException {
        List<Trail> trails = new java.util.ArrayList<>(owned(tx, accountId, region));
        Optional<Organizations.Organization> organization = Organizations.of(tx, accountId);
        if (organization.isPresent() && !organization.get().managedBy(accountId)) {
            owned(tx, organization.get().managementAccount(), region).stream().filter(Trail::organization)
                    .forEach(trails::add);
        }
        return trails;
    }

    /** The delivery state of a trail: its logging windows, checkpoint and the outcome of the last delivery. */
    record DeliveryState(String windows, long deliveredSeq, Optional<Long> latestDeliveryTime,
                         Optional<String> latestDeliveryError, Optional<Long> latestDeliveryAttempt,
                         Optional<Long> latestNotificationTime, Optional<String> latestNotificationError,
                         Optional<Long> latestNotificationAttempt, Optional<Long> inflightSeq) {
        /** Whether every event its logging windows can hold has been delivered (never while a window is open). */
        boolean caughtUp() {
            return deliveredSeq >= LoggingWindows.parse(windows).end();
        }
    }

    DeliveryState deliveryState(Tx tx, Trail trail) throws SQLException {
        return tx.queryOne("SELECT logging_windows, delivered_seq, latest_delivery_time, latest_delivery_error, "
                        + "latest_delivery_attempt, latest_notification_time, latest_notification_error, "
                        + "latest_notification_attempt, inflight_seq FROM trail WHERE account_id = ? AND home_region = ? "
                        + "AND name = ?",
                rs -> new DeliveryState(rs.getString(1), rs.getLong(2), optionalLong(rs, 3),
                        Optional.ofNullable(rs.getString(4)), optionalLong(rs, 5), optionalLong(rs, 6),
                        Optional.ofNullable(rs.getString(7)), optionalLong(rs, 8), optionalLong(rs, 9)),
                trail.accountId(), trail.homeRegion(), trail.name()).orElseThrow();
    }

    void saveWindows(Tx tx, Trail trail, String windows) throws SQLException {
        tx.update("UPDATE trail SET logging_windows = ? WHERE account_id = ? AND home_region = ? AND name = ?",
                windows, trail.accountId(), trail.homeRegion(), trail.name());
    }

    void delivered(Tx tx, Trail trail, long seq, long time) throws SQLException {
        tx.update("UPDATE trail SET delivered_seq = ?, latest_delivery_time = ?, latest_delivery_attempt = ?, "
                + "latest_delivery_error = NULL, inflight_seq = NULL WHERE account_id = ? AND home_region = ? AND name = ?", seq, time, time,
                trail.accountId(), trail.homeRegion(), trail.name());
    }

    /** Fixes the last event of a step whose files are about to go to an external store (see V13). */
    void inflight(Tx tx, Trail trail, long seq) throws SQLException {
        tx.update("UPDATE trail SET inflight_seq = ? WHERE account_id = ? AND home_region = ? AND name = ?", seq,
                trail.accountId(), trail.homeRegion(), trail.name());
    }

    void deliveryFailed(Tx tx, Trail trail, String error, long time) throws SQLException {
        tx.update("UPDATE trail SET latest_delivery_error = ?, latest_delivery_attempt = ? WHERE account_id = ? "
                + "AND home_region = ? AND name = ?", error, time, trail.accountId(), trail.homeRegion(), trail.name());
    }

    /**
     * Retires a deleted trail: gone for the API, still delivered and digested until {@link #removeRetired} (see
     * V21__trail_retired).
     */
    void retire(Tx tx, Trail trail, long now) throws SQLException {
        tx.update("UPDATE trail SET retired_at = ? WHERE account_id = ? AND home_region = ? AND name = ?", now,
                trail.accountId(), trail.homeRegion(), trail.name());
    }

    boolean retired(Tx tx, Trail trail) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM trail WHERE account_id = ? AND home_region = ? AND name = ? "
                + "AND retired_at IS NOT NULL", trail.accountId(), trail.homeRegion(), trail.name()) > 0;
    }

    /** Removes the retired trail of this name, if there is one, with its digest state and waiting notifications. */
    void removeRetired(Tx tx, String accountId, String homeRegion, String name) throws SQLException {
        Optional<Trail> trail = tx.queryOne("SELECT " + COLUMNS + " FROM trail WHERE account_id = ? AND home_region = ? "
                + "AND name = ? AND retired_at IS NOT NULL", TrailRepository::trail, accountId, homeRegion, name);
        if (trail.isPresent()) {
            Notifications.discard(tx, trail.get());
            Digests.forget(tx, trail.get());
            delete(tx, trail.get());
        }
    }

    /** Every trail of every account, retired ones included, for the delivery pass. */
    List<Trail> all(Tx tx) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM trail ORDER BY account_id, home_region, name", TrailRepository::trail);
    }

    void delete(Tx tx, Trail trail) throws SQLException {
        tx.update("DELETE FROM trail WHERE account_id = ? AND home_region = ? AND name = ?",
                trail.accountId(), trail.homeRegion(), trail.name());
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private static Trail trail(ResultSet rs) throws SQLException {
        return new Trail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Optional.ofNullable(rs.getString(5)), rs.getInt(6) == 1, rs.getInt(7) == 1, rs.getInt(8) == 1,
                Optional.ofNullable(rs.getString(9)), rs.getInt(10) == 1, optionalLong(rs, 11), optionalLong(rs, 12),
                Optional.ofNullable(rs.getString(13)), Optional.ofNullable(rs.getString(14)),
                Optional.ofNullable(rs.getString(15)), Optional.ofNullable(rs.getString(16)), rs.getInt(17) == 1);
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
