// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import dev.waymark.core.AwsException;

/** The API's modelled errors; their statuses come from the model (all 400 but NotFoundException, 404). */
final class EmailErrors {
    private EmailErrors() {
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

    static AwsException messageRejected(String message) {
        return AwsException.modelled("MessageRejected", message);
    }

    static AwsException sendingPaused(String message) {
        return AwsException.modelled("SendingPausedException", message);
    }
}
