// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import java.time.Instant;
import java.util.Optional;

/** Finds the secret and identity behind an access key (and session token, for temporary credentials). */
@FunctionalInterface
public interface CredentialLookup {
    Result find(String accessKeyId, Optional<String> sessionToken, Instant now);

    /** What a lookup found. */
    sealed interface Result permits Found, UnknownKey, ExpiredToken, InvalidToken {
    }

    /** A usable key: its secret and the principal it stands for. */
    record Found(String secret, Principal principal) implements Result {
    }

    /** No such access key, or it is inactive. */
    record UnknownKey() implements Result {
    }

    /** Temporary credentials whose session has expired. */
    record ExpiredToken() implements Result {
    }

    /** A session token that is malformed, forged or does not belong to the key. */
    record InvalidToken() implements Result {
    }
}
