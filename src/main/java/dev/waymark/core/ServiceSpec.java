// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A service Waymark serves, as its table declares it.
 *
 * @param id              Waymark's id of the service, also the name of its model resource
 * @param signingName     the SigV4 credential-scope service name
 * @param protocol        wire protocol
 * @param pathPrefix      for REST protocols: the path prefix that identifies the service, if it shares a signing
 *                        name or needs one to be recognised without a signature
 * @param eventSource     CloudTrail eventSource
 * @param errorBody       how a REST JSON service spells the error body
 * @param validationError error code for input that does not match the model
 * @param payloadTooLarge error code (and status 413) for a body over the limit
 * @param memberErrors    error codes for constraint violations of particular members (lower camel), where the
 *                        service uses a specific error instead of its validation error
 * @param parameterNames  CloudTrail's names for request members where they differ from the wire names (S3's
 *                        {@code bucketName} for the {@code Bucket} label)
 * @param accessDenied    the service's code for a denied call where it differs from its family's
 *                        ({@code AuthorizationError} for SNS); empty for the family's
 * @param operations      the operation table
 */
public record ServiceSpec(String id, String signingName, Protocol protocol, Optional<String> pathPrefix,
                          String eventSource, ErrorBody errorBody, String validationError, String payloadTooLarge,
                          Map<String, String> memberErrors, Map<String, String> parameterNames,
                          String accessDenied, Map<String, OperationSpec> operations) {
    public enum Protocol { REST_JSON, AWS_JSON, AWS_QUERY, REST_XML }

    /** The members of a restJson1 error body, which differ between services. */
    public enum ErrorBody {
        /** Pinpoint: {@code {"Message": …, "RequestID": …}}. */
        MESSAGE_AND_REQUEST_ID,
        /** Pinpoint Email: {@code {"message": …}}. */
        LOWER_MESSAGE,
        /** SMS and Voice: {@code {"Message": …}}. */
        MESSAGE,
        /** awsJson: {@code {"__type": …, "message": …}}. */
        TYPE_AND_MESSAGE,
        /** awsQuery / restXml: an XML document. */
        XML
    }

    public ServiceSpec {
        requireNonNull(id, "id is null");
        requireNonNull(signingName, "signingName is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(pathPrefix, "pathPrefix is null");
        requireNonNull(eventSource, "eventSource is null");
        requireNonNull(errorBody, "errorBody is null");
        requireNonNull(validationError, "validationError is null");
        requireNonNull(payloadTooLarge, "payloadTooLarge is null");
        memberErrors = Map.copyOf(memberErrors);
        parameterNames = Map.copyOf(parameterNames);
        requireNonNull(accessDenied, "accessDenied is null");
        operations = Map.copyOf(operations);
    }

    public CommonErrors.ErrorFamily errorFamily() {
        return protocol == Protocol.AWS_QUERY || protocol == Protocol.REST_XML
                ? CommonErrors.ErrorFamily.QUERY : CommonErrors.ErrorFamily.JSON;
    }

    /** A denial in this service's own code, when it has one: the family's AccessDenied renamed, same message. */
    public AwsException denial(AwsException denied) {
        boolean familyCode = denied.code().equals("AccessDenied") || denied.code().equals("AccessDeniedException");
        return accessDenied.isEmpty() || !familyCode ? denied
                : new AwsException(accessDenied, denied.status(), denied.fault(), denied.getMessage());
    }

    /** The error code for a constraint violation of the given top-level member. */
    public String constraintError(String member) {
        return memberErrors.getOrDefault(member, validationError);
    }

    /** The name CloudTrail's requestParameters give a request member, by its wire name. */
    public String parameterName(String wireName) {
        return parameterNames.getOrDefault(wireName, wireName);
    }

    public Optional<OperationSpec> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }
}
