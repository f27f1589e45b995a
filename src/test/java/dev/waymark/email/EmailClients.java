// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import dev.waymark.testing.TestServer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpointemail.PinpointEmailClient;

/** The SDK's Pinpoint Email client pointed at a test server, without retries. */
final class EmailClients {
    private EmailClients() {
    }

    static PinpointEmailClient of(TestServer server) {
        return of(server, server.rootCredentials());
    }

    static PinpointEmailClient of(TestServer server, AwsCredentials credentials) {
        return PinpointEmailClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                .build();
    }
}
