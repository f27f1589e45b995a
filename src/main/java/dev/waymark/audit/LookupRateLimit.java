// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import dev.waymark.core.CommonErrors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optional LookupEvents rate limit (AWS: 2 requests per second per account and region), off by default. A
 * token bucket per account and region; a request over the limit gets ThrottlingException, which the AWS SDKs
 * and CLI retry by themselves. Thread-safe.
 */
public final class LookupRateLimit {
    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    /** @param perSecond requests allowed per second and per account and region; 0 means no limit */
    public LookupRateLimit(double perSecond) {
        this.perSecond = perSecond;
    }

    public void acquire(String accountId, String region) {
        if (perSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(accountId + "/" + region, k -> new Bucket(perSecond, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(perSecond, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                throw CommonErrors.throttling("Rate exceeded");
            }
            bucket.tokens -= 1;
        }
    }
}
