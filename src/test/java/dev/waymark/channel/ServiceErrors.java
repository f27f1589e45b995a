// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Checks an AWS error as the SDK received it: its modelled type, HTTP status, and the service's error body. */
public final class ServiceErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceErrors() {
    }

    /**
     * The error a call fails with, once its status is checked and its body's {@code messageMember} ({@code Message}
     * for SMS and Voice, {@code message} for Pinpoint Email) is the message the SDK read, and not empty.
     */
    public static <T extends AwsServiceException> T fails(Class<T> type, int status, String messageMember,
                                                          Executable call) {
        T error = assertThrows(type, call);
        assertEquals(status, error.statusCode());
        try {
            JsonNode body = JSON.readTree(error.awsErrorDetails().rawResponse().asUtf8String());
            assertFalse(body.path(messageMember).asText().isEmpty(), body.toString());
            assertEquals(body.path(messageMember).asText(), error.awsErrorDetails().errorMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return error;
    }
}
