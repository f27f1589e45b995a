// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One row of a service's operation table: what the router, the authorizer and the audit recorder need to know
 * about an operation. The tables are data ({@code src/main/resources/services/*.json}), loaded by
 * {@link OperationTable}.
 *
 * @param service       Waymark's service id ({@code pinpoint}, {@code sts}, …)
 * @param name          the operation name, also CloudTrail's eventName
 * @param readOnly      CloudTrail's readOnly flag
 * @param recorded      whether a call becomes a CloudTrail event by default
 * @param iamAction     the action authorized, {@code <prefix>:<Operation>}
 * @param authResource  ARN pattern authorized against; {@code {region}}, {@code {account}} and request parameter
 *                      names in braces are filled in; absent means no authorization is needed (GetCallerIdentity)
 * @param resource      the resource CloudTrail lists in {@code resources[]}, if any
 * @param management    a management event (true) or a data event (false: S3 object calls)
 * @param eventName     CloudTrail's eventName, which is the operation name except where CloudTrail keeps an older
 *                      one (S3's {@code PutBucketLifecycle} for PutBucketLifecycleConfiguration)
 * @param anonymous     present when the operation may also be called without a signature, a token in the request
 *                      being the credential (SNS's ConfirmSubscription and Unsubscribe, the URLs subscribers are
 *                      sent): the ARN template, filled from request parameters, of the resource whose owner the
 *                      call is attributed to
 */
public record OperationSpec(String service, String name, boolean readOnly, boolean recorded, String iamAction,
                            Optional<String> authResource, Optional<ResourceSpec> resource, boolean management,
                            String eventName, Optional<String> anonymous) {
    public OperationSpec {
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        requireNonNull(iamAction, "iamAction is null");
        requireNonNull(authResource, "authResource is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(eventName, "eventName is null");
        requireNonNull(anonymous, "anonymous is null");
    }

    /**
     * A resource of a call as CloudTrail's {@code resources[]} lists it.
     *
     * @param type CloudTrail resource type, e.g. {@code AWS::Pinpoint::App}
     * @param arn  ARN template; names in braces come from the request parameters, or from the response
     *             ({@code response.Member.Member})
     */
    public record ResourceSpec(String type, String arn) {
        public ResourceSpec {
            requireNonNull(type, "type is null");
            requireNonNull(arn, "arn is null");
        }
    }
}
