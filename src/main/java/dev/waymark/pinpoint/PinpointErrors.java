// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.AwsException;

/** Pinpoint's modelled errors, with the status the model gives them. */
final class PinpointErrors {
    private PinpointErrors() {
    }

    static AwsException badRequest(String message) {
        return AwsException.modelled("BadRequestException", message);
    }

    static AwsException notFound(String message) {
        return AwsException.modelled("NotFoundException", message);
    }
}
