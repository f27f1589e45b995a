// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.core.OperationHandler;
import java.util.Map;

/** The handlers of the trails API, to be served with the rest of the CloudTrail API. */
public final class TrailService {
    private TrailService() {
    }

    /**
     * @param external the external S3 store trails may deliver to, when one is configured
     * @param topics the embedded topics trails may notify
     * @param externalTopics the external SNS trails may notify, when one is configured
     * @param store the store CreateTrail and UpdateTrail read from before their transaction, to ask the external
     *              S3 and SNS about a trail's destination off the store's writer
     */
    public static Map<String, OperationHandler> handlers(java.util.Optional<ExternalBuckets> external,
                                                         dev.waymark.sns.Topics topics,
                                                         java.util.Optional<ExternalTopics> externalTopics,
                                                         dev.waymark.store.Store store) {
        PublicKeysApi publicKeys = new PublicKeysApi();
        TrailRepository trails = new TrailRepository();
        TrailTags tags = new TrailTags(trails);
        TrailsApi api = new TrailsApi(trails, tags, external, externalTopics, store);
        SelectorsApi selectors = new SelectorsApi(trails);
        return Map.ofEntries(
                Map.entry("CreateTrail", OperationHandler.checked(inv -> api.askExternal(inv, false), api::createTrail)),
                Map.entry("UpdateTrail", OperationHandler.checked(inv -> api.askExternal(inv, true), api::updateTrail)),
                Map.entry("DeleteTrail", api::deleteTrail),
                Map.entry("GetTrail", api::getTrail),
                Map.entry("DescribeTrails", api::describeTrails),
                Map.entry("ListTrails", api::listTrails),
                Map.entry("GetTrailStatus", api::getTrailStatus),
                Map.entry("StartLogging", api::startLogging),
                Map.entry("StopLogging", api::stopLogging),
                Map.entry("PutEventSelectors", selectors::putEventSelectors),
                Map.entry("GetEventSelectors", selectors::getEventSelectors),
                Map.entry("PutInsightSelectors", selectors::putInsightSelectors),
                Map.entry("GetInsightSelectors", selectors::getInsightSelectors),
                Map.entry("AddTags", tags::addTags),
                Map.entry("RemoveTags", tags::removeTags),
                Map.entry("ListTags", tags::listTags),
                Map.entry("ListPublicKeys", publicKeys::listPublicKeys));
    }
}
