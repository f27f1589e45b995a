// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * An external SNS (AWS itself, or any SNS-compatible service such as moto) that trails notify when their topic is
 * not one of Waymark's embedded topics, reached through the AWS SDK. Thread-safe.
 */
public final class ExternalTopics implements AutoCloseable {
    private final ExternalBuckets.Settings settings;
    /** One client per region: a topic is published to in the region its ARN names (the configured one otherwise). */
    private final Map<String, SnsClient> clients = new ConcurrentHashMap<>();

    public ExternalTopics(ExternalBuckets.Settings settings) {
        this.settings = settings;
    }

    private SnsClient client(String topicArn) {
        String[] parts = topicArn.split(":", 6);
        String region = parts.length == 6 && !parts[3].isEmpty() ? parts[3] : settings.region();
        return clients.computeIfAbsent(region, r -> {
            var builder = SnsClient.builder().region(Region.of(r)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(ExternalBuckets.credentials(settings));
            settings.endpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /** What SNS says about a topic: its policy, none when the topic does not exist or cannot be read. */
    record Seen(Optional<String> policy) {
    }

    /** Asks SNS about a topic (GetTopicAttributes); network failures are thrown. */
    Seen look(String topicArn) {
        try {
            return new Seen(Optional.ofNullable(client(topicArn).getTopicAttributes(r -> r.topicArn(topicArn))
                    .attributes().get("Policy")));
        } catch (SnsException e) {
            return new Seen(Optional.empty());
        }
    }

    /** Judges a topic for a trail as CreateTrail does: it must exist and its policy must let CloudTrail publish. */
    static boolean accepts(Seen seen, String topicArn, String accountId, String trailArn) {
        return seen.policy().isPresent() && PolicyCheck.allowsPublish(seen.policy().get(), topicArn, accountId, trailArn);
    }

    void publish(String topicArn, String message) {
        client(topicArn).publish(r -> r.topicArn(topicArn).message(message));
    }

    /** The SNS error code of a failed publish, as GetTrailStatus shows it. */
    static String errorCode(SdkException e) {
        if (e instanceof SnsException sns && sns.awsErrorDetails() != null && sns.awsErrorDetails().errorCode() != null) {
            return sns.awsErrorDetails().errorCode();
        }
        return "ServiceUnavailable";
    }

    @Override
    public void close() {
        clients.values().forEach(SnsClient::close);
    }
}
