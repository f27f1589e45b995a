// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import static java.util.Objects.requireNonNull;

import dev.waymark.core.Principal;

/** The outcome of a verified signature: who signed, for which region and signing name. */
public record VerifiedCaller(Principal principal, String region, String signingName) {
    public VerifiedCaller {
        requireNonNull(principal, "principal is null");
        requireNonNull(region, "region is null");
        requireNonNull(signingName, "signingName is null");
    }
}
