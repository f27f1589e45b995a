// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import static java.util.Objects.requireNonNull;

import dev.waymark.core.Principal;
import java.time.Instant;

/** Temporary credentials: the key pair, when they expire, and the principal they act as. */
public record Session(String accessKeyId, String secret, Instant expiration, Principal principal) {
    public Session {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(expiration, "expiration is null");
        requireNonNull(principal, "principal is null");
    }
}
