// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static java.util.Objects.requireNonNull;

/**
 * What a provider did with a message. {@link Result#RETRY} is a temporary failure (a 4xx SMTP reply, a 5xx, 408 or
 * 429 from a webhook, a connection that failed): the dispatcher tries again later. The others are final.
 *
 * @param detail the provider's reply (an SMTP response, an HTTP status) or the reason of a failure
 */
public record Outcome(Result result, String detail) {
    public enum Result { DELIVERED, KEPT, RETRY, FAILED }

    public Outcome {
        requireNonNull(result, "result is null");
        requireNonNull(detail, "detail is null");
    }

    public static Outcome delivered(String detail) {
        return new Outcome(Result.DELIVERED, detail);
    }

    public static Outcome kept(String detail) {
        return new Outcome(Result.KEPT, detail);
    }

    public static Outcome retry(String reason) {
        return new Outcome(Result.RETRY, reason);
    }

    public static Outcome failed(String reason) {
        return new Outcome(Result.FAILED, reason);
    }

    public boolean isFinal() {
        return result != Result.RETRY;
    }
}
