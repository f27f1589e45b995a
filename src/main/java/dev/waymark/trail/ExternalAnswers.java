// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What the external S3 and SNS answered about a trail's bucket and topic, asked on the caller's thread before the
 * call's write transaction and taken by it: the single store writer never waits for the network. An answer belongs
 * to one call (its request id) and one name (bucket or topic ARN), and is taken once; answers never taken (the
 * call failed before it looked) are dropped after a minute. When no answer was asked for (the trail could not be
 * worked out before the transaction), the transaction asks itself.
 */
final class ExternalAnswers {
    private static final long KEEP_NANOS = 60_000_000_000L;

    private record Key(String requestId, String name) {
    }

    private record Answer(Object value, long askedAt) {
    }

    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    /**
     * Asks now, on the caller's thread, and keeps the answer for the call's transaction; a failure of the network or
     * the peer is kept as the answer too, so the transaction does not wait for the peer a second time.
     */
    void ask(String requestId, String name, Supplier<?> question) {
        Object answer;
        try {
            answer = question.get();
        } catch (SdkException e) {
            answer = e;
        }
        long now = System.nanoTime();
        answers.values().removeIf(kept -> now - kept.askedAt() > KEEP_NANOS);
        answers.put(new Key(requestId, name), new Answer(answer, now));
    }

    /**
     * The answer asked for this call about this name (its failure thrown again); when none was asked, asks now.
     */
    <T> T take(String requestId, String name, Class<T> type, Supplier<T> question) {
        Answer answer = answers.remove(new Key(requestId, name));
        if (answer != null && answer.value() instanceof SdkException failure) {
            throw failure;
        }
        return answer != null && type.isInstance(answer.value()) ? type.cast(answer.value()) : question.get();
    }
}
