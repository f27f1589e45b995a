// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import dev.waymark.testing.TestServer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpointsmsvoice.PinpointSmsVoiceClient;

/** The SDK's Pinpoint SMS and Voice client pointed at a test server, without retries. */
final class SmsVoiceClients {
    private SmsVoiceClients() {
    }

    static PinpointSmsVoiceClient of(TestServer server) {
        return of(server, server.rootCredentials());
    }

    static PinpointSmsVoiceClient of(TestServer server, AwsCredentials credentials) {
        return PinpointSmsVoiceClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                .build();
    }
}
