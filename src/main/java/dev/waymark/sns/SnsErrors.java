// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.core.AwsException;

/** SNS's errors, with SNS's codes (statuses from the model) and messages. */
final class SnsErrors {
    private SnsErrors() {
    }

    static AwsException invalidParameter(String message) {
        return AwsException.modelled("InvalidParameter", message);
    }

    /** {@code Invalid parameter: <what>}, SNS's usual wording. */
    static AwsException invalid(String what) {
        return invalidParameter("Invalid parameter: " + what);
    }

    static AwsException invalidParameterValue(String message) {
        return AwsException.modelled("ParameterValueInvalid", message);
    }

    static AwsException topicNotFound() {
        return AwsException.modelled("NotFound", "Topic does not exist");
    }

    static AwsException subscriptionNotFound() {
        return AwsException.modelled("NotFound", "Subscription does not exist");
    }

    static AwsException resourceNotFound() {
        return AwsException.modelled("ResourceNotFound", "Resource does not exist");
    }

    static AwsException authorization(String message) {
        return AwsException.modelled("AuthorizationError", message);
    }

    static AwsException tagLimit() {
        return AwsException.modelled("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
    }
}
