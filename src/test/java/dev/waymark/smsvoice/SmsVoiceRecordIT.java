// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.testing.ExampleRecords;
import dev.waymark.testing.Golden;
import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.pinpointsmsvoice.PinpointSmsVoiceClient;

/**
 * AWS's own example records for CreateConfigurationSet and CreateConfigurationSetEventDestination (Pinpoint
 * Developer Guide, copied unchanged into {@code aws-examples/sms-voice-cloudtrail.json}) reproduced field for field
 * by the same calls made by an IAM user named SampleUser, with {@code --event-version=1.05} as in the example.
 * Only what differs by nature is set aside: times, request and event ids, the caller's address, user agent, key,
 * principal id and account. Waymark writes two fields more, which CloudTrail added after 1.05 (managementEvent in
 * 1.06, eventCategory in 1.07). The whole records are also kept as golden files.
 */
class SmsVoiceRecordIT {
    private static final Set<String> ADDED_AFTER_1_05 = ExampleRecords.ADDED_AFTER_1_05;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("--event-version=1.05");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theAwsExampleRecordsAreReproducedFieldForField() throws Exception {
        AwsCredentials sampleUser = server.createUser("SampleUser", TestServer.ALLOW_ALL);
        PinpointSmsVoiceClient client = SmsVoiceClients.of(server, sampleUser);
        client.createConfigurationSet(r -> r.configurationSetName("MyConfigurationSet"));
        client.createConfigurationSetEventDestination(r -> r.configurationSetName("MyConfigurationSet")
                .eventDestinationName("CloudWatchEventDestination")
                .eventDestination(d -> d.enabled(true).matchingEventTypesWithStrings("INITIATED_CALL", "INITIATED_CALL")
                        .cloudWatchLogsDestination(c -> c.iamRoleArn("arn:aws:iam::111122223333:role/iamrole-01")
                                .logGroupArn("arn:aws:logs:us-east-1:111122223333:log-group:clientloggroup-01"))));

        JsonNode examples = ExampleRecords.read("sms-voice-cloudtrail.json");
        List<JsonNode> records = server.records(null);
        assertEquals(2, records.size(), records.toString());
        for (int i = 0; i < 2; i++) {
            JsonNode expected = ExampleRecords.normalised(examples.get(i));
            JsonNode actual = ExampleRecords.normalised(records.get(i));
            assertEquals(ADDED_AFTER_1_05, ExampleRecords.extra(actual, expected), "fields Waymark writes beyond the example");
            ObjectNode compared = ((ObjectNode) actual).deepCopy();
            compared.remove(ADDED_AFTER_1_05);
            assertEquals(expected, compared, "record " + i);
        }
        Golden.assertMatches("records/sms-voice-create-configuration-set", ExampleRecords.userAgentHidden(records.get(0)), Map.of());
        Golden.assertMatches("records/sms-voice-create-configuration-set-event-destination",
                ExampleRecords.userAgentHidden(records.get(1)), Map.of());
    }
}
