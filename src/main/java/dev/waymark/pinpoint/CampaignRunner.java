// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Periodic;
import dev.waymark.core.Uuids;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs campaigns on their schedules, every {@code every}. A due occurrence is started in one transaction that adds
 * an activity per treatment — unique per treatment and occurrence, so the occurrence runs once even if it is started
 * again after a crash — and moves the campaign to its next occurrence. Each activity sends in waves (one per time
 * zone for local-time campaigns, laid out when the run begins; else one), page by page through the segment as it is
 * at that moment, in endpoint order: a page's messages go into the outbox in the same transaction that moves the
 * wave's cursor past them, so a restart goes on from the next endpoint with no message sent twice and none missed.
 * Per page, each endpoint is held out or given its treatment ({@link CampaignAudience}); inactive endpoints are
 * skipped; endpoints in quiet time, past the campaign's Daily or Total limit, or after MaximumDuration are counted
 * but not sent to; MessagesPerSecond paces the pages. A paused campaign's waves wait. One runner per store.
 */
public final class CampaignRunner implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CampaignRunner.class);
    static final int PAGE = 1_000;
    private static final int DUE_LIMIT = 20;
    private static final Duration PASS_BUDGET = Duration.ofSeconds(1);

    private final Store store;
    private final Clock clock;
    private final AppRepository apps;
    private final CampaignRepository campaigns;
    private final SegmentRepository segments;
    private final SegmentEngine engine;
    private final CampaignMessages messages;
    private final Periodic job;

    CampaignRunner(Store store, Clock clock, Duration every, AppRepository apps, CampaignRepository campaigns,
                   SegmentRepository segments, SegmentEngine engine, CampaignMessages messages) {
        this.store = store;
        this.clock = clock;
        this.apps = apps;
        this.campaigns = campaigns;
        this.segments = segments;
        this.engine = engine;
        this.messages = messages;
        this.job = new Periodic("campaign-runner", every, store, this::runOnce);
    }

    public void start() {
        job.start();
    }

    /**
     * One pass: starts the occurrences due, lays out new local-time runs, and sends for at most about a second. A
     * campaign whose work fails is logged and left for the next pass; the others go on.
     */
    public void runOnce() {
        long now = clock.millis();
        for (CampaignRepository.Due due : store.read(tx -> campaigns.due(tx, now, DUE_LIMIT))) {
            isolated(due.id(), () -> store.write(tx -> begin(tx, due, clock.millis())));
        }
        for (CampaignRepository.Activity activity : store.read(tx -> campaigns.pending(tx, DUE_LIMIT))) {
            isolated(activity.campaignId(), () -> store.write(tx -> layOut(tx, activity)));
        }
        long deadline = clock.millis() + PASS_BUDGET.toMillis();
        for (CampaignRepository.Wave wave : store.read(tx -> campaigns.dueWaves(tx, clock.millis(), DUE_LIMIT))) {
            isolated(wave.campaignId(), () -> {
                CampaignRepository.Wave current = wave;
                while (current != null && clock.millis() < deadline) {
                    CampaignRepository.Wave step = current;
                    current = store.write(tx -> step(tx, step, clock.millis()));
                }
                return null;
            });
        }
    }

    private static void isolated(String campaignId, java.util.function.Supplier<?> work) {
        try {
            work.get();
        } catch (RuntimeException e) {
            LOG.warn("campaign {}: this pass failed; the next pass tries again", campaignId, e);
        }
    }

    private Void begin(Tx tx, CampaignRepository.Due due, long now) throws SQLException {
        Optional<CampaignRepository.Place> place = campaigns.place(tx, due.accountId(), due.region(), due.appId(), due.id());
        Optional<ObjectNode> campaign = campaigns.find(tx, due.accountId(), due.region(), due.appId(), due.id());
        if (place.isEmpty() || campaign.isEmpty() || place.get().nextOccurrence().orElse(-1L) != due.occurrence()
                || place.get().status().equals("PAUSED")) {
            return null;
        }
        ObjectNode document = campaign.get();
        CampaignSchedule schedule = CampaignMessages.schedule(document);
        List<String> treatments = new ArrayList<>(List.of("0"));
        document.path("AdditionalTreatments").forEach(t -> treatments.add(t.path("Id").asText()));
        for (String treatment : treatments) {
            CampaignRepository.Activity activity = new CampaignRepository.Activity(due.accountId(), due.region(),
                    due.appId(), due.id(), Uuids.random().toString().replace("-", ""), 0, treatment, due.occurrence(),
                    document.path("Version").asInt(), schedule.localTime() ? "PENDING" : "EXECUTING", now,
                    Optional.empty(), 0, 0, Optional.empty());
            if (campaigns.addActivity(tx, activity) && !schedule.localTime()) {
                campaigns.addWave(tx, activity, "", due.occurrence());
            }
        }
        Optional<Instant> next = schedule.occurrenceAfter(Optional.of(Instant.ofEpochMilli(Math.max(due.occurrence(), now))));
        App app = new App(due.accountId(), due.region(), due.appId(), "", "");
        campaigns.place(tx, app, due.id(), new CampaignRepository.Place("EXECUTING", next.map(Instant::toEpochMilli),
                next.map(at -> schedule.runStart(at).toEpochMilli())));
        return null;
    }

    /** Lays a local-time run out in one wave per time zone among the segment's endpoints (and one for none). */
    private Void layOut(Tx tx, CampaignRepository.Activity activity) throws SQLException {
        Optional<ObjectNode> campaign = campaigns.findVersion(tx, activity.accountId(), activity.region(),
                activity.appId(), activity.campaignId(), activity.campaignVersion());
        if (campaign.isEmpty()) {
            return null;
        }
        CampaignSchedule schedule = CampaignMessages.schedule(campaign.get());
        Set<String> zones = new HashSet<>(Set.of(""));
        Optional<ObjectNode> segment = segment(tx, activity, campaign.get());
        long after = 0;
        List<SegmentEngine.Member> page;
        do {
            page = segment.isEmpty() ? List.of() : engine.members(tx, activity.accountId(), activity.region(),
                    activity.appId(), segment.get(), clock.instant(), after, PAGE * 10);
            for (SegmentEngine.Member member : page) {
                zones.add(CampaignSchedule.zoneOf(member.document()));
                after = member.seq();
            }
        } while (page.size() == PAGE * 10);
        Instant occurrence = Instant.ofEpochMilli(activity.occurrence());
        for (String zone : zones) {
            campaigns.addWave(tx, activity, zone, schedule.dueIn(occurrence, zone).toEpochMilli());
        }
        campaigns.activityState(tx, activity, "EXECUTING");
        return null;
    }

    /** Sends one page of a wave; answers the wave as it now stands, or null when it is done or must wait. */
    private CampaignRepository.Wave step(Tx tx, CampaignRepository.Wave wave, long now) throws SQLException {
        Optional<CampaignRepository.Activity> found = campaigns.activity(tx, wave.accountId(), wave.region(),
                wave.appId(), wave.campaignId(), wave.activityId());
        Optional<CampaignRepository.Place> place = campaigns.place(tx, wave.accountId(), wave.region(), wave.appId(),
                wave.campaignId());
        if (found.isEmpty() || place.isEmpty()) {
            return null;
        }
        if (place.get().status().equals("PAUSED")) {
            return null;
        }
        CampaignRepository.Activity activity = found.get();
        ObjectNode campaign = campaigns.findVersion(tx, wave.accountId(), wave.region(), wave.appId(), wave.campaignId(),
                activity.campaignVersion()).orElseThrow();
        CampaignLimits limits = CampaignLimits.of(campaign.path("Limits"));
        int size = pageSize(limits, activity, now);
        if (size <= 0) {
            return null;
        }
        Optional<ObjectNode> segment = segment(tx, activity, campaign);
        boolean expired = limits.maximumDuration() > 0 && now > activity.occurrence() + limits.maximumDuration() * 1000L;
        List<SegmentEngine.Member> members = segment.isEmpty() || expired ? List.of() : engine.members(tx,
                wave.accountId(), wave.region(), wave.appId(), segment.get(), Instant.ofEpochMilli(now), wave.cursor(), size);
        Page sent = send(tx, wave, activity, campaign, members, now);
        boolean done = members.size() < size;
        long cursor = members.isEmpty() ? wave.cursor() : members.get(members.size() - 1).seq();
        campaigns.advance(tx, wave, cursor, done);
        campaigns.counted(tx, wave, sent.total(), sent.successful());
        if (done) {
            finish(tx, wave, activity, expired ? "PARTIAL" : "SUCCESS", now);
            return null;
        }
        return new CampaignRepository.Wave(wave.accountId(), wave.region(), wave.appId(), wave.campaignId(),
                wave.activityId(), wave.zone(), wave.dueAt(), cursor);
    }

    /** How many endpoints the next page may hold: all of a page, or what MessagesPerSecond allows by now. */
    private static int pageSize(CampaignLimits limits, CampaignRepository.Activity activity, long now) {
        if (limits.messagesPerSecond() <= 0) {
            return PAGE;
        }
        long allowed = limits.messagesPerSecond() * (now - activity.startedAt()) / 1000 + limits.messagesPerSecond()
                - activity.total();
        return (int) Math.min(PAGE, allowed);
    }

    private record Page(long total, long successful) {
    }

    private Page send(Tx tx, CampaignRepository.Wave wave, CampaignRepository.Activity activity, ObjectNode campaign,
                      List<SegmentEngine.Member> members, long now) throws SQLException {
        if (members.isEmpty()) {
            return new Page(0, 0);
        }
        App app = apps.find(tx, wave.accountId(), wave.region(), wave.appId()).orElseThrow();
        CampaignMessages.Run run = messages.run(tx, app, campaign, now);
        Optional<String> treatment = Optional.of(activity.treatmentId());
        long total = 0;
        long successful = 0;
        for (SegmentEngine.Member member : members) {
            if (run.schedule().localTime() && !CampaignSchedule.zoneOf(member.document()).equals(wave.zone())) {
                continue;
            }
            CampaignMessages.Outcome outcome = run.offer(member.document(), treatment);
            total += outcome.targeted() ? 1 : 0;
            successful += outcome.sent() ? 1 : 0;
        }
        return new Page(total, successful);
    }

    /** Completes the activity when its last wave is done, and the occurrence when its last activity is. */
    private void finish(Tx tx, CampaignRepository.Wave wave, CampaignRepository.Activity activity, String result,
                        long now) throws SQLException {
        long[] waves = campaigns.waveCounts(tx, wave.accountId(), wave.region(), wave.appId(), wave.campaignId(),
                wave.activityId());
        if (waves[1] < waves[0]) {
            return;
        }
        campaigns.complete(tx, activity, now, result);
        if (campaigns.running(tx, wave.accountId(), wave.region(), wave.appId(), wave.campaignId(), activity.occurrence())) {
            return;
        }
        CampaignRepository.Place place = campaigns.place(tx, wave.accountId(), wave.region(), wave.appId(),
                wave.campaignId()).orElseThrow();
        if (place.status().equals("EXECUTING")) {
            ObjectNode campaign = campaigns.find(tx, wave.accountId(), wave.region(), wave.appId(), wave.campaignId())
                    .orElseThrow();
            boolean more = place.nextOccurrence().isPresent() || CampaignMessages.schedule(campaign).eventTriggered();
            campaigns.status(tx, wave.accountId(), wave.region(), wave.appId(), wave.campaignId(),
                    more ? "PENDING_NEXT_RUN" : "COMPLETED");
        }
    }

    private Optional<ObjectNode> segment(Tx tx, CampaignRepository.Activity activity, ObjectNode campaign)
            throws SQLException {
        return segments.findVersion(tx, activity.accountId(), activity.region(), activity.appId(),
                campaign.path("SegmentId").asText(), campaign.path("SegmentVersion").asInt(1));
    }

    @Override
    public void close() {
        job.close();
    }
}
