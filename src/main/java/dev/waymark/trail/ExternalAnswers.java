// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the external S3 and SNS answered about a trail's bucket and topic, asked on the caller's thread before the
 * call's write transaction and taken by it: the single store writer never waits for the network. An answer belongs
 * to one call (its request id) and one name (bucket or topic ARN), and is taken once; answers never taken (the
 * call failed before it looked) are dropped after a minute.
 */
final class ExternalAnswers {
    private static final long KEEP_NANOS = 60_000_000_000L;

    private record Key(String requestId, String name) {
    }

    private record Answer(Object value, long askedAt) {
    }

    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    void put(String requestId, String name, Object value) {
        long now = System.nanoTime();
        answers.values().removeIf(answer -> now - answer.askedAt() > KEEP_NANOS);
        answers.put(new Key(requestId, name), new Answer(value, now));
    }

    /** The answer asked for this call about this name, if one was asked and is of the given type. */
    <T> Optional<T> take(String requestId, String name, Class<T> type) {
        Answer answer = answers.remove(new Key(requestId, name));
        return answer == null || !type.isInstance(answer.value()) ? Optional.empty() : Optional.of(type.cast(answer.value()));
    }
}
