// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.core.AwsException;
import dev.waymark.core.AwsException.Fault;

/**
 * S3's errors, with its codes, statuses and messages word for word
 * (<a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">Error responses</a>).
 */
final class S3Errors {
    private S3Errors() {
    }

    static AwsException noSuchBucket() {
        return AwsException.modelled("NoSuchBucket", "The specified bucket does not exist");
    }

    static AwsException noSuchKey() {
        return AwsException.modelled("NoSuchKey", "The specified key does not exist.");
    }

    static AwsException alreadyOwnedByYou() {
        return AwsException.modelled("BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.");
    }

    static AwsException alreadyExists() {
        return AwsException.modelled("BucketAlreadyExists", "The requested bucket name is not available. The bucket "
                + "namespace is shared by all users of the system. Please select a different name and try again.");
    }

    static AwsException notEmpty() {
        return client("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
    }

    static AwsException invalidBucketName() {
        return client("InvalidBucketName", 400, "The specified bucket is not valid.");
    }

    static AwsException accessDenied() {
        return client("AccessDenied", 403, "Access Denied");
    }

    static AwsException noSuchBucketPolicy() {
        return client("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
    }

    static AwsException noSuchLifecycle() {
        return client("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist");
    }

    static AwsException malformedPolicy(String message) {
        return client("MalformedPolicy", 400, message);
    }

    static AwsException malformedXml() {
        return client("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    static AwsException invalidArgument(String message) {
        return client("InvalidArgument", 400, message);
    }

    static AwsException invalidRequest(String message) {
        return client("InvalidRequest", 400, message);
    }

    static AwsException invalidRange() {
        return client("InvalidRange", 416, "The requested range is not satisfiable");
    }

    static AwsException illegalLocation(String constraint) {
        return client("IllegalLocationConstraintException", 400, "The " + constraint
                + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }

    static AwsException invalidLocation() {
        return client("InvalidLocationConstraint", 400, "The specified location-constraint is not valid");
    }

    static AwsException notImplemented(String message) {
        return new AwsException("NotImplemented", 501, Fault.SERVER, message);
    }

    static AwsException aclNotSupported() {
        return client("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
    }

    static AwsException bucketAclWithOwnership() {
        return client("InvalidBucketAclWithObjectOwnership", 400,
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    }

    static AwsException keyTooLong() {
        return client("KeyTooLongError", 400, "Your key is too long");
    }

    static AwsException preconditionFailed() {
        return client("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold");
    }

    private static AwsException client(String code, int status, String message) {
        return new AwsException(code, status, Fault.CLIENT, message);
    }
}
