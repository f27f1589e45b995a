// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.s3.BucketDirectory;
import dev.waymark.sns.TopicInfo;
import dev.waymark.sns.Topics;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CreateTrail, UpdateTrail, DeleteTrail, GetTrail, DescribeTrails, ListTrails, GetTrailStatus, StartLogging and
 * StopLogging. A trail lives in its home region; a multi-region trail is also seen (as a shadow trail, by ARN)
 * from every other region. The bucket must be an embedded bucket whose policy lets CloudTrail write.
 */
final class TrailsApi {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_TRAILS_PER_REGION = 5;

    private final TrailRepository trails;
    private final TrailTags tags;
    private final BucketDirectory buckets = new BucketDirectory();
    private final Optional<ExternalBuckets> external;
    private final Optional<ExternalTopics> externalTopics;
    private final Store store;
    private final ExternalAnswers answers = new ExternalAnswers();

    TrailsApi(TrailRepository trails, TrailTags tags, Optional<ExternalBuckets> external,
              Optional<ExternalTopics> externalTopics, Store store) {
        this.trails = trails;
        this.tags = tags;
        this.external = external;
        this.externalTopics = externalTopics;
        this.store = store;
    }

    ObjectNode createTrail(Invocation inv, Tx tx) throws SQLException {
        JsonNode in = inv.input();
        String name = in.path("Name").asText();
        TrailRules.checkName(name);
        if (trails.find(tx, inv.accountId(), inv.region(), name).isPresent()) {
            throw TrailErrors.of("TrailAlreadyExistsException", "Trail " + name + " already exists for customer: "
                    + inv.accountId());
        }
        boolean multiRegion = in.path("IsMultiRegionTrail").asBoolean(false);
        checkLimit(tx, inv, multiRegion);
        // a retired trail of this name still finishing its delivery gives way to the new one, which starts its own chain
        trails.removeRetired(tx, inv.accountId(), inv.region(), name);
        unsupported(in);
        boolean organization = in.path("IsOrganizationTrail").asBoolean(false);
        if (organization) {
            checkOrganization(tx, inv.accountId());
        }
        Trail trail = created(inv);
        checkDestination(tx, trail, inv.requestId());
        checkTopic(tx, trail, inv.requestId());
        trails.save(tx, trail, inv.time().toEpochMilli());
        Notifications.enqueue(tx, trail, Notifications.VALIDATION_MESSAGE, inv.time().toEpochMilli());
        tags.add(tx, trail.arn(), in.path("TagsList"));
        return trailView(trail, false);
    }

    /** The trail CreateTrail's input describes. */
    private static Trail created(Invocation inv) {
        JsonNode in = inv.input();
        return new Trail(inv.accountId(), inv.region(), in.path("Name").asText(), in.path("S3BucketName").asText(),
                optional(in, "S3KeyPrefix"), in.path("IncludeGlobalServiceEvents").asBoolean(true),
                in.path("IsMultiRegionTrail").asBoolean(false), in.path("EnableLogFileValidation").asBoolean(false),
                optional(in, "KmsKeyId").map(k -> TrailRules.kmsKeyArn(k, inv.region(), inv.accountId())),
                false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                optional(in, "SnsTopicName").map(t -> TrailRules.topicArn(t, inv.region(), inv.accountId())),
                in.path("IsOrganizationTrail").asBoolean(false));
    }

    ObjectNode updateTrail(Invocation inv, Tx tx) throws SQLException {
        JsonNode in = inv.input();
        Trail current = TrailLookup.inHomeRegion(tx, trails, inv, in.path("Name").asText());
        unsupported(in);
        boolean multiRegion = in.has("IsMultiRegionTrail") ? in.get("IsMultiRegionTrail").asBoolean() : current.multiRegion();
        if (multiRegion && !current.multiRegion()) {
            checkLimit(tx, inv, true);
        }
        boolean organization = in.has("IsOrganizationTrail") ? in.get("IsOrganizationTrail").asBoolean() : current.organization();
        if (organization) {
            checkOrganization(tx, inv.accountId());
        }
        Trail trail = updated(inv, current);
        checkDestination(tx, trail, inv.requestId());
        checkTopic(tx, trail, inv.requestId());
        trails.save(tx, trail, inv.time().toEpochMilli());
        if (!trail.snsTopicArn().equals(current.snsTopicArn())) {
            Notifications.enqueue(tx, trail, Notifications.VALIDATION_MESSAGE, inv.time().toEpochMilli());
        }
        return trailView(trail, false);
    }

    /** The trail UpdateTrail's input makes of the current one. */
    private static Trail updated(Invocation inv, Trail current) {
        JsonNode in = inv.input();
        boolean multiRegion = in.has("IsMultiRegionTrail") ? in.get("IsMultiRegionTrail").asBoolean() : current.multiRegion();
        boolean organization = in.has("IsOrganizationTrail") ? in.get("IsOrganizationTrail").asBoolean() : current.organization();
        return new Trail(current.accountId(), current.homeRegion(), current.name(),
                in.has("S3BucketName") ? in.get("S3BucketName").asText() : current.bucket(),
                in.has("S3KeyPrefix") ? optional(in, "S3KeyPrefix") : current.prefix(),
                in.has("IncludeGlobalServiceEvents") ? in.get("IncludeGlobalServiceEvents").asBoolean()
                        : current.includeGlobalServiceEvents(), multiRegion,
                in.has("EnableLogFileValidation") ? in.get("EnableLogFileValidation").asBoolean() : current.logFileValidation(),
                in.has("KmsKeyId") ? optional(in, "KmsKeyId").map(k -> TrailRules.kmsKeyArn(k, inv.region(), inv.accountId()))
                        : current.kmsKeyId(),
                current.logging(), current.startLoggingTime(), current.stopLoggingTime(), current.eventSelectors(),
                current.advancedSelectors(), current.insightSelectors(),
                in.has("SnsTopicName") ? optional(in, "SnsTopicName").map(t -> TrailRules.topicArn(t, inv.region(),
                        inv.accountId())) : current.snsTopicArn(), organization);
    }

    /**
     * Stops the trail's logging as StopLogging does and retires it: the API sees it no more, while delivery still
     * takes its waiting events and the digests cover its last files, then removes it.
     */
    ObjectNode deleteTrail(Invocation inv, Tx tx) throws SQLException {
        Trail trail = TrailLookup.inHomeRegion(tx, trails, inv, inv.input().path("Name").asText());
        if (trail.logging()) {
            setLogging(inv, tx, false);
        }
        trails.retire(tx, trail, inv.time().toEpochMilli());
        tags.removeAll(tx, trail.arn());
        return MAPPER.createObjectNode();
    }

    ObjectNode getTrail(Invocation inv, Tx tx) throws SQLException {
        Trail trail = TrailLookup.visible(tx, trails, inv, inv.input().path("Name").asText());
        ObjectNode out = MAPPER.createObjectNode();
        out.set("Trail", trailView(trail, true));
        return out;
    }

    ObjectNode describeTrails(Invocation inv, Tx tx) throws SQLException {
        boolean shadows = inv.input().path("includeShadowTrails").asBoolean(true);
        List<Trail> selected = new ArrayList<>();
        JsonNode names = inv.input().path("trailNameList");
        if (names.isEmpty()) {
            for (Trail trail : trails.visible(tx, inv.accountId(), inv.region())) {
                if (shadows || trail.homeRegion().equals(inv.region())) {
                    selected.add(trail);
                }
            }
        } else {
            for (JsonNode name : names) {
                TrailLookup.find(tx, trails, inv, name.asText()).ifPresent(selected::add);
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode list = out.putArray("trailList");
        selected.forEach(trail -> list.add(trailView(trail, true)));
        return out;
    }

    ObjectNode listTrails(Invocation inv, Tx tx) throws SQLException {
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Trails");
        for (Trail trail : trails.visible(tx, inv.accountId(), inv.region())) {
            list.addObject().put("TrailARN", trail.arn()).put("Name", trail.name()).put("HomeRegion", trail.homeRegion());
        }
        return out;
    }

    ObjectNode getTrailStatus(Invocation inv, Tx tx) throws SQLException {
        Trail trail = TrailLookup.visible(tx, trails, inv, inv.input().path("Name").asText());
        ObjectNode out = MAPPER.createObjectNode();
        out.put("IsLogging", trail.logging());
        TrailRepository.DeliveryState delivery = trails.deliveryState(tx, trail);
        delivery.latestDeliveryTime().ifPresent(t -> out.put("LatestDeliveryTime", Instant.ofEpochMilli(t).toString()));
        delivery.latestDeliveryError().ifPresent(e -> out.put("LatestDeliveryError", e));
        Digests.latestWritten(tx, trail).ifPresent(t -> out.put("LatestDigestDeliveryTime", Instant.ofEpochMilli(t).toString()));
        Digests.latestError(tx, trail).ifPresent(e -> out.put("LatestDigestDeliveryError", e));
        trail.startLoggingTime().ifPresent(t -> out.put("StartLoggingTime", Instant.ofEpochMilli(t).toString()));
        trail.stopLoggingTime().ifPresent(t -> out.put("StopLoggingTime", Instant.ofEpochMilli(t).toString()));
        out.put("TimeLoggingStarted", trail.startLoggingTime().map(TrailsApi::seconds).orElse(""));
        out.put("TimeLoggingStopped", trail.stopLoggingTime().map(TrailsApi::seconds).orElse(""));
        out.put("LatestDeliveryAttemptTime", delivery.latestDeliveryAttempt().map(TrailsApi::seconds).orElse(""))
                .put("LatestDeliveryAttemptSucceeded", delivery.latestDeliveryTime().map(TrailsApi::seconds).orElse(""))
                .put("LatestNotificationAttemptTime", delivery.latestNotificationAttempt().map(TrailsApi::seconds).orElse(""))
                .put("LatestNotificationAttemptSucceeded", delivery.latestNotificationTime().map(TrailsApi::seconds).orElse(""));
        delivery.latestNotificationTime().ifPresent(t -> out.put("LatestNotificationTime", Instant.ofEpochMilli(t).toString()));
        delivery.latestNotificationError().ifPresent(e -> out.put("LatestNotificationError", e));
        return out;
    }

    ObjectNode startLogging(Invocation inv, Tx tx) throws SQLException {
        return setLogging(inv, tx, true);
    }

    ObjectNode stopLogging(Invocation inv, Tx tx) throws SQLException {
        return setLogging(inv, tx, false);
    }

    private ObjectNode setLogging(Invocation inv, Tx tx, boolean on) throws SQLException {
        Trail t = TrailLookup.inHomeRegion(tx, trails, inv, inv.input().path("Name").asText());
        long now = inv.time().toEpochMilli();
        trails.save(tx, t.withLogging(on, now), now);
        long lastSeq = tx.queryLong("SELECT COALESCE(MAX(seq), 0) FROM event");
        LoggingWindows windows = LoggingWindows.parse(trails.deliveryState(tx, t).windows());
        trails.saveWindows(tx, t, (on ? windows.start(lastSeq) : windows.stop(lastSeq)).toString());
        return MAPPER.createObjectNode();
    }

    private void checkLimit(Tx tx, Invocation inv, boolean multiRegion) throws SQLException {
        long inRegion = trails.owned(tx, inv.accountId(), inv.region()).size();
        if (inRegion >= MAX_TRAILS_PER_REGION) {
            throw TrailErrors.of("MaximumNumberOfTrailsExceededException", "User: " + inv.accountId()
                    + " already has " + MAX_TRAILS_PER_REGION + " trails in " + inv.region() + ".");
        }
    }

    /** Only an organization's management account may create or keep an organization trail. */
    private static void checkOrganization(Tx tx, String accountId) throws SQLException {
        Optional<Organizations.Organization> organization = Organizations.of(tx, accountId);
        if (organization.isEmpty()) {
            throw TrailErrors.organizationsNotInUse(accountId);
        }
        if (!organization.get().managedBy(accountId)) {
            throw TrailErrors.notManagementAccount(accountId);
        }
    }

    /**
     * The bucket must exist and its policy must let CloudTrail write this trail's files: an embedded bucket, or else a
     * bucket of the external store when one is configured.
     */
    private void checkDestination(Tx tx, Trail trail, String requestId) throws SQLException {
        TrailRules.checkBucketName(trail.bucket());
        trail.prefix().ifPresent(TrailRules::checkPrefix);
        Optional<BucketDirectory.BucketInfo> bucket = buckets.find(tx, trail.bucket());
        List<String> folders = Organizations.logsFolders(tx, trail);
        if (bucket.isEmpty() && external.isPresent()) {
            ExternalBuckets.Seen seen = answers.take(requestId, trail.bucket(), ExternalBuckets.Seen.class,
                    () -> external.get().look(trail.bucket()));
            Optional<String> refusal = ExternalBuckets.refusal(seen, trail.bucket(), trail.prefix().orElse(""), folders,
                    trail.accountId(), trail.arn());
            if (refusal.isPresent()) {
                throw TrailErrors.of(refusal.get(), refusal.get().equals("S3BucketDoesNotExistException")
                        ? "S3 bucket " + trail.bucket() + " does not exist."
                        : "Incorrect S3 bucket policy is detected for bucket: " + trail.bucket());
            }
            return;
        }
        if (bucket.isEmpty()) {
            throw TrailErrors.of("S3BucketDoesNotExistException", "S3 bucket " + trail.bucket() + " does not exist.");
        }
        if (bucket.get().policy().isEmpty() || !PolicyCheck.allowsDeliveryToAll(bucket.get().policy().get(),
                trail.bucket(), trail.prefix().orElse(""), folders, trail.accountId(), trail.arn())) {
            throw TrailErrors.of("InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: "
                    + trail.bucket());
        }
    }

    /**
     * The trail's topic must exist and its policy must let CloudTrail publish: an embedded topic, or else a topic of
     * the external SNS when one is configured.
     */
    private void checkTopic(Tx tx, Trail trail, String requestId) throws SQLException {
        if (trail.snsTopicArn().isEmpty()) {
            return;
        }
        String arn = trail.snsTopicArn().get();
        Optional<TopicInfo> topic = Topics.find(tx, arn);
        boolean accepted = topic.isPresent()
                ? PolicyCheck.allowsPublish(topic.get().policy(), arn, trail.accountId(), trail.arn())
                : externalTopics.isPresent() && ExternalTopics.accepts(answers.take(requestId, arn, ExternalTopics.Seen.class,
                        () -> externalTopics.get().look(arn)), arn, trail.accountId(), trail.arn());
        if (!accepted) {
            throw TrailErrors.of("InsufficientSnsTopicPolicyException", "SNS Topic does not exist or the topic policy "
                    + "is incorrect!");
        }
    }

    /**
     * CreateTrail's and UpdateTrail's check before the write transaction: asks the external S3 and SNS about the
     * bucket and topic the trail would have, when they are not embedded ones, so that the transaction only judges the
     * answers (a peer's failure included, so an unreachable peer is not waited for twice). Never fails the call
     * itself: when the trail cannot be worked out yet, nothing is asked and the transaction decides (asking itself,
     * as before) in the order CloudTrail checks.
     */
    void askExternal(Invocation inv, boolean update) {
        if (external.isEmpty() && externalTopics.isEmpty()) {
            return;
        }
        try {
            Destination destination = store.read(tx -> {
                Trail trail = update
                        ? updated(inv, TrailLookup.inHomeRegion(tx, trails, inv, inv.input().path("Name").asText()))
                        : created(inv);
                return new Destination(trail, buckets.find(tx, trail.bucket()).isPresent(),
                        trail.snsTopicArn().isEmpty() || Topics.find(tx, trail.snsTopicArn().get()).isPresent());
            });
            Trail trail = destination.trail();
            if (external.isPresent() && !destination.embeddedBucket() && !trail.bucket().isEmpty()) {
                answers.ask(inv.requestId(), trail.bucket(), () -> external.get().look(trail.bucket()));
            }
            if (externalTopics.isPresent() && !destination.embeddedTopic()) {
                String arn = trail.snsTopicArn().get();
                answers.ask(inv.requestId(), arn, () -> externalTopics.get().look(arn));
            }
        } catch (RuntimeException e) {
            // an AWS error for the input or an unknown trail: the transaction meets it again and answers as
            // CloudTrail does
        }
    }

    /** A trail as a call would make it, and whether its bucket and topic are embedded ones (or it has no topic). */
    private record Destination(Trail trail, boolean embeddedBucket, boolean embeddedTopic) {
    }

    /** What Waymark cannot do yet is refused with the error CloudTrail uses for it, never silently ignored. */
    private static void unsupported(JsonNode in) {
        if (!in.path("CloudWatchLogsLogGroupArn").asText("").isEmpty() || !in.path("CloudWatchLogsRoleArn").asText("").isEmpty()) {
            throw TrailErrors.of("CloudWatchLogsDeliveryUnavailableException",
                    "Waymark does not deliver to CloudWatch Logs");
        }
    }

    static ObjectNode trailView(Trail trail, boolean full) {
        ObjectNode view = MAPPER.createObjectNode();
        view.put("Name", trail.name()).put("S3BucketName", trail.bucket());
        trail.prefix().ifPresent(p -> view.put("S3KeyPrefix", p));
        trail.snsTopicArn().ifPresent(arn -> view.put("SnsTopicName", arn.substring(arn.lastIndexOf(':') + 1))
                .put("SnsTopicARN", arn));
        view.put("IncludeGlobalServiceEvents", trail.includeGlobalServiceEvents())
                .put("IsMultiRegionTrail", trail.multiRegion());
        if (full) {
            view.put("HomeRegion", trail.homeRegion());
        }
        view.put("TrailARN", trail.arn()).put("LogFileValidationEnabled", trail.logFileValidation());
        trail.kmsKeyId().ifPresent(k -> view.put("KmsKeyId", k));
        if (full) {
            view.put("HasCustomEventSelectors", trail.hasCustomEventSelectors())
                    .put("HasInsightSelectors", trail.insightSelectors().isPresent());
        }
        view.put("IsOrganizationTrail", trail.organization());
        return view;
    }

    private static Optional<String> optional(JsonNode in, String member) {
        String value = in.path(member).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String seconds(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
