// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * What an operation handler receives: the decoded input (member names of the AWS model as keys), the verified
 * caller, the region of the credential scope, the request id, the time the request arrived, and the endpoint the
 * caller addressed ({@code http://127.0.0.1:8449}: scheme and Host header), for services that hand out URLs of
 * Waymark itself (SNS's SubscribeURL).
 */
public record Invocation(OperationSpec operation, ObjectNode input, Principal principal, String region,
                         String requestId, Instant time, Optional<String> endpoint) {
    public Invocation {
        requireNonNull(operation, "operation is null");
        requireNonNull(input, "input is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(region, "region is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(time, "time is null");
        requireNonNull(endpoint, "endpoint is null");
    }

    public Invocation(OperationSpec operation, ObjectNode input, Principal principal, String region, String requestId,
                      Instant time) {
        this(operation, input, principal, region, requestId, time, Optional.empty());
    }

    public String accountId() {
        return principal.accountId();
    }
}
