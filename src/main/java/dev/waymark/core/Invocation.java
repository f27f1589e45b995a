// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What an operation handler receives: the decoded input (member names of the AWS model as keys), the verified
 * caller, the region of the credential scope, the request id, and the time the request arrived.
 */
public record Invocation(OperationSpec operation, ObjectNode input, Principal principal, String region,
                         String requestId, Instant time) {
    public Invocation {
        requireNonNull(operation, "operation is null");
        requireNonNull(input, "input is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(region, "region is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(time, "time is null");
    }

    public String accountId() {
        return principal.accountId();
    }
}
