// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import dev.waymark.core.AwsException.Fault;

/**
 * Errors that belong to the framework rather than to one service's model. Messages are AWS's own wording.
 * Where JSON and query services use different codes for the same failure, both are given and the protocol
 * family picks one ({@link ErrorFamily}).
 */
public final class CommonErrors {
    private CommonErrors() {
    }

    /** Codes differ between JSON services and query (XML) services; this says which family a service is in. */
    public enum ErrorFamily { JSON, QUERY }

    public static AwsException internalFailure() {
        return new AwsException("InternalFailure", 500, Fault.SERVER,
                "The request processing has failed because of an unknown error, exception or failure.");
    }

    public static AwsException serviceUnavailable(String message) {
        return new AwsException("ServiceUnavailable", 503, Fault.SERVER, message);
    }

    public static AwsException missingAuthentication(ErrorFamily family) {
        return family == ErrorFamily.QUERY
                ? new AwsException("MissingAuthenticationToken", 403, Fault.CLIENT, "Request is missing Authentication Token")
                : new AwsException("MissingAuthenticationTokenException", 403, Fault.CLIENT, "Missing Authentication Token");
    }

    public static AwsException incompleteSignature(ErrorFamily family, String message) {
        return new AwsException(family == ErrorFamily.QUERY ? "IncompleteSignature" : "IncompleteSignatureException",
                400, Fault.CLIENT, message);
    }

    public static AwsException unknownAccessKey(ErrorFamily family) {
        return new AwsException(family == ErrorFamily.QUERY ? "InvalidClientTokenId" : "UnrecognizedClientException",
                403, Fault.CLIENT, "The security token included in the request is invalid.");
    }

    public static AwsException signatureMismatch(ErrorFamily family) {
        return signatureError(family, "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    public static AwsException signatureError(ErrorFamily family, String message) {
        return new AwsException(family == ErrorFamily.QUERY ? "SignatureDoesNotMatch" : "InvalidSignatureException",
                403, Fault.CLIENT, message);
    }

    public static AwsException expiredToken(ErrorFamily family) {
        return new AwsException(family == ErrorFamily.QUERY ? "ExpiredToken" : "ExpiredTokenException",
                403, Fault.CLIENT, "The security token included in the request is expired");
    }

    public static AwsException accessDenied(ErrorFamily family, String message) {
        return new AwsException(family == ErrorFamily.QUERY ? "AccessDenied" : "AccessDeniedException",
                403, Fault.CLIENT, message);
    }

    public static AwsException unknownOperation(ErrorFamily family, String message) {
        return family == ErrorFamily.QUERY
                ? new AwsException("InvalidAction", 400, Fault.CLIENT, message)
                : new AwsException("UnknownOperationException", 404, Fault.CLIENT, message);
    }

    public static AwsException throttling(String message) {
        return new AwsException("ThrottlingException", 400, Fault.CLIENT, message);
    }
}
