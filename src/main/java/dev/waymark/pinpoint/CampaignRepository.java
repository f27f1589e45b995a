// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stores campaigns (every version, as segments are kept), each campaign's status and next occurrence, its
 * activities (one per treatment per occurrence, unique, so an occurrence runs once however often it is started)
 * and their waves, and the per-endpoint counts Daily and Total limits need. Stateless: safe to share.
 */
final class CampaignRepository extends VersionedDocuments {
    private static final String KEY = " WHERE account_id = ? AND region = ? AND app_id = ? AND id = ?";
    private static final String OF_CAMPAIGN = " WHERE account_id = ? AND region = ? AND app_id = ? AND campaign_id = ?";

    CampaignRepository() {
        super("pinpoint_campaign", "campaign");
    }

    /** A campaign's place: its status and its next occurrence, with when that occurrence's run begins. */
    record Place(String status, Optional<Long> nextOccurrence, Optional<Long> nextStart) {
    }

    /** A campaign whose next run is due. */
    record Due(String accountId, String region, String appId, String id, long occurrence) {
    }

    /** An activity: one treatment's run of one occurrence. */
    record Activity(String accountId, String region, String appId, String campaignId, String id, long seq,
                    String treatmentId, long occurrence, int campaignVersion, String state, long startedAt,
                    Optional<Long> endedAt, long total, long successful, Optional<String> result) {
    }

    /** A wave of an activity: the endpoints of one time zone (or all), from the endpoint row after cursor. */
    record Wave(String accountId, String region, String appId, String campaignId, String activityId, String zone,
                long dueAt, long cursor) {
    }

    void place(Tx tx, App app, String id, Place place) throws SQLException {
        tx.update("UPDATE pinpoint_campaign SET status = ?, next_occurrence = ?, next_start = ?" + KEY, place.status(),
                place.nextOccurrence().orElse(null), place.nextStart().orElse(null), app.accountId(), app.region(), app.id(), id);
    }

    void status(Tx tx, String accountId, String region, String appId, String id, String status) throws SQLException {
        tx.update("UPDATE pinpoint_campaign SET status = ?" + KEY, status, accountId, region, appId, id);
    }

    Optional<Place> place(Tx tx, String accountId, String region, String appId, String id) throws SQLException {
        return tx.queryOne("SELECT status, next_occurrence, next_start FROM pinpoint_campaign" + KEY,
                rs -> new Place(rs.getString(1), optionalLong(rs, 2), optionalLong(rs, 3)), accountId, region, appId, id);
    }

    List<Due> due(Tx tx, long now, int limit) throws SQLException {
        return tx.query("SELECT account_id, region, app_id, id, next_occurrence FROM pinpoint_campaign "
                        + "WHERE next_start IS NOT NULL AND next_start <= ? AND status <> 'PAUSED' ORDER BY next_start LIMIT ?",
                rs -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)), now, limit);
    }

    /** Adds the activity unless this treatment's run of this occurrence exists; answers whether it was added. */
    boolean addActivity(Tx tx, Activity activity) throws SQLException {
        long seq = tx.queryLong("SELECT COALESCE(MAX(seq), 0) + 1 FROM pinpoint_campaign_activity" + OF_CAMPAIGN,
                activity.accountId(), activity.region(), activity.appId(), activity.campaignId());
        return tx.update("INSERT INTO pinpoint_campaign_activity (account_id, region, app_id, campaign_id, id, seq, "
                        + "treatment_id, occurrence, campaign_version, state, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (account_id, region, app_id, campaign_id, treatment_id, occurrence) DO NOTHING",
                activity.accountId(), activity.region(), activity.appId(), activity.campaignId(), activity.id(), seq,
                activity.treatmentId(), activity.occurrence(), activity.campaignVersion(), activity.state(),
                activity.startedAt()) == 1;
    }

    private static final String ACTIVITY_COLUMNS = "account_id, region, app_id, campaign_id, id, seq, treatment_id, "
            + "occurrence, campaign_version, state, started_at, ended_at, total, successful, result";

    Optional<Activity> activity(Tx tx, String accountId, String region, String appId, String campaignId, String id)
            throws SQLException {
        return tx.queryOne("SELECT " + ACTIVITY_COLUMNS + " FROM pinpoint_campaign_activity" + OF_CAMPAIGN + " AND id = ?",
                CampaignRepository::activity, accountId, region, appId, campaignId, id);
    }

    /** Activities not yet laid out into waves (local-time runs whose time zones are not known yet). */
    List<Activity> pending(Tx tx, int limit) throws SQLException {
        return tx.query("SELECT " + ACTIVITY_COLUMNS + " FROM pinpoint_campaign_activity WHERE state = 'PENDING' LIMIT ?",
                CampaignRepository::activity, limit);
    }

    /** A campaign's activities, newest first, before the given position. */
    List<Activity> activities(Tx tx, App app, String campaignId, long before, int limit) throws SQLException {
        return tx.query("SELECT " + ACTIVITY_COLUMNS + " FROM pinpoint_campaign_activity" + OF_CAMPAIGN
                        + " AND seq < ? ORDER BY seq DESC LIMIT ?", CampaignRepository::activity,
                app.accountId(), app.region(), app.id(), campaignId, before, limit);
    }

    /** Whether any activity of the occurrence is still running. */
    boolean running(Tx tx, String accountId, String region, String appId, String campaignId, long occurrence)
            throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM pinpoint_campaign_activity" + OF_CAMPAIGN
                + " AND occurrence = ? AND state <> 'COMPLETED'", accountId, region, appId, campaignId, occurrence) > 0;
    }

    /** The latest occurrence the campaign has run (or is running). */
    Optional<Long> lastOccurrence(Tx tx, App app, String campaignId) throws SQLException {
        return tx.queryOne("SELECT MAX(occurrence) FROM pinpoint_campaign_activity" + OF_CAMPAIGN,
                rs -> optionalLong(rs, 1), app.accountId(), app.region(), app.id(), campaignId).flatMap(o -> o);
    }

    /** Whether any run of the campaign is still going. */
    boolean running(Tx tx, App app, String campaignId) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM pinpoint_campaign_activity" + OF_CAMPAIGN + " AND state <> 'COMPLETED'",
                app.accountId(), app.region(), app.id(), campaignId) > 0;
    }

    void activityState(Tx tx, Activity activity, String state) throws SQLException {
        tx.update("UPDATE pinpoint_campaign_activity SET state = ?" + OF_CAMPAIGN + " AND id = ?", state,
                activity.accountId(), activity.region(), activity.appId(), activity.campaignId(), activity.id());
    }

    void counted(Tx tx, Wave wave, long total, long successful) throws SQLException {
        tx.update("UPDATE pinpoint_campaign_activity SET total = total + ?, successful = successful + ?" + OF_CAMPAIGN
                        + " AND id = ?", total, successful, wave.accountId(), wave.region(), wave.appId(), wave.campaignId(),
                wave.activityId());
    }

    /** Counts an event-triggered send in the activity of its treatment and day. */
    void counted(Tx tx, App app, String campaignId, String treatment, long occurrence, long successful, long now)
            throws SQLException {
        tx.update("UPDATE pinpoint_campaign_activity SET total = total + 1, successful = successful + ?, ended_at = ?"
                        + OF_CAMPAIGN + " AND treatment_id = ? AND occurrence = ?", successful, now,
                app.accountId(), app.region(), app.id(), campaignId, treatment, occurrence);
    }

    /** The ids of the application's campaigns with no scheduled occurrence that are neither paused nor completed. */
    List<String> unscheduled(Tx tx, App app) throws SQLException {
        return tx.query("SELECT id FROM pinpoint_campaign WHERE account_id = ? AND region = ? AND app_id = ? "
                        + "AND next_start IS NULL AND status NOT IN ('PAUSED', 'COMPLETED')", rs -> rs.getString(1),
                app.accountId(), app.region(), app.id());
    }

    void complete(Tx tx, Activity activity, long now, String result) throws SQLException {
        tx.update("UPDATE pinpoint_campaign_activity SET state = 'COMPLETED', ended_at = ?, result = ?" + OF_CAMPAIGN
                        + " AND id = ?", now, result, activity.accountId(), activity.region(), activity.appId(),
                activity.campaignId(), activity.id());
    }

    void addWave(Tx tx, Activity activity, String zone, long dueAt) throws SQLException {
        tx.update("INSERT INTO pinpoint_campaign_wave (account_id, region, app_id, campaign_id, activity_id, zone, due_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", activity.accountId(), activity.region(),
                activity.appId(), activity.campaignId(), activity.id(), zone, dueAt);
    }

    List<Wave> dueWaves(Tx tx, long now, int limit) throws SQLException {
        return tx.query("SELECT account_id, region, app_id, campaign_id, activity_id, zone, due_at, cursor "
                        + "FROM pinpoint_campaign_wave WHERE done = 0 AND due_at <= ? ORDER BY due_at LIMIT ?",
                rs -> new Wave(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getLong(8)), now, limit);
    }

    /** Moves the wave to the given endpoint row, and finishes it when it is done. */
    void advance(Tx tx, Wave wave, long cursor, boolean done) throws SQLException {
        tx.update("UPDATE pinpoint_campaign_wave SET cursor = ?, done = ?" + OF_CAMPAIGN + " AND activity_id = ? AND zone = ?",
                cursor, done ? 1 : 0, wave.accountId(), wave.region(), wave.appId(), wave.campaignId(), wave.activityId(),
                wave.zone());
    }

    /** How many waves of the activity there are, and how many are done. */
    long[] waveCounts(Tx tx, String accountId, String region, String appId, String campaignId, String activityId)
            throws SQLException {
        return tx.queryOne("SELECT COUNT(*), COALESCE(SUM(done), 0) FROM pinpoint_campaign_wave" + OF_CAMPAIGN
                        + " AND activity_id = ?", rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                accountId, region, appId, campaignId, activityId).orElse(new long[] {0, 0});
    }

    /** Messages the campaign sent the endpoint: on the given day, and in all. */
    long[] sentTo(Tx tx, App app, String campaignId, String endpointKey, long day) throws SQLException {
        return tx.queryOne("SELECT COALESCE(SUM(CASE WHEN day = ? THEN count ELSE 0 END), 0), COALESCE(SUM(count), 0) "
                        + "FROM pinpoint_campaign_sent" + OF_CAMPAIGN + " AND endpoint_key = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, day, app.accountId(), app.region(), app.id(),
                campaignId, endpointKey).orElse(new long[] {0, 0});
    }

    void countSent(Tx tx, App app, String campaignId, String endpointKey, long day) throws SQLException {
        tx.update("INSERT INTO pinpoint_campaign_sent (account_id, region, app_id, campaign_id, endpoint_key, day, count) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (account_id, region, app_id, campaign_id, endpoint_key, day) "
                        + "DO UPDATE SET count = count + 1", app.accountId(), app.region(), app.id(), campaignId,
                endpointKey, day);
    }

    /** Removes the campaign's runs (its versions go with {@link #delete}). */
    void deleteRuns(Tx tx, App app, String campaignId) throws SQLException {
        for (String table : List.of("pinpoint_campaign_activity", "pinpoint_campaign_wave", "pinpoint_campaign_sent")) {
            tx.update("DELETE FROM " + table + OF_CAMPAIGN, app.accountId(), app.region(), app.id(), campaignId);
        }
    }

    private static Activity activity(java.sql.ResultSet rs) throws SQLException {
        return new Activity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getInt(9), rs.getString(10), rs.getLong(11),
                optionalLong(rs, 12), rs.getLong(13), rs.getLong(14), Optional.ofNullable(rs.getString(15)));
    }

    private static Optional<Long> optionalLong(java.sql.ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
