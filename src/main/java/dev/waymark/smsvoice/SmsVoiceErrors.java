// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import dev.waymark.core.AwsException;

/** The API's modelled errors; their statuses come from the model (AlreadyExists 409, LimitExceeded 412). */
final class SmsVoiceErrors {
    private SmsVoiceErrors() {
    }

    static AwsException badRequest(String message) {
        return AwsException.modelled("BadRequestException", message);
    }

    static AwsException notFound(String message) {
        return AwsException.modelled("NotFoundException", message);
    }

    static AwsException alreadyExists(String message) {
        return AwsException.modelled("AlreadyExistsException", message);
    }

    static AwsException limitExceeded(String message) {
        return AwsException.modelled("LimitExceededException", message);
    }
}
