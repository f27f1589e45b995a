// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.OperationSpec;
import dev.waymark.core.Principal;
import dev.waymark.core.ServiceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything CloudTrail's record of one call is built from: the call, who made it, from where, and how it ended.
 *
 * @param requestParameters the parameters as the record shows them (in the protocol's CloudTrail naming, masked,
 *                          omitted past 100 KB; a null node when there are none), prepared by
 *                          {@link AuditRecorder#requestParameters} off the store's writer
 * @param responseElements  the response in the same naming, for a successful mutating call
 * @param error             the error, for a failed call
 * @param resources         the resources the call touched, as {@code [type, ARN]} pairs
 */
public record CallFacts(ServiceSpec service, OperationSpec operation, Principal principal, String region,
                        String requestId, Instant eventTime, String sourceIp, Optional<String> userAgent,
                        com.fasterxml.jackson.databind.JsonNode requestParameters, Optional<ObjectNode> responseElements,
                        Optional<AwsException> error, List<Resource> resources,
                        Optional<TlsDetails> tls) {
    public CallFacts {
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(region, "region is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(requestParameters, "requestParameters is null");
        requireNonNull(responseElements, "responseElements is null");
        requireNonNull(error, "error is null");
        resources = List.copyOf(resources);
        requireNonNull(tls, "tls is null");
    }

    /** A resource of the call. */
    public record Resource(String type, String arn, String accountId) {
    }

    /** CloudTrail's tlsDetails. */
    public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {
    }
}
