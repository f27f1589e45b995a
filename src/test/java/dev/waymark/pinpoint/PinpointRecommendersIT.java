// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.CreateRecommenderConfigurationResponse;
import software.amazon.awssdk.services.pinpoint.model.CreateRecommenderConfiguration;
import software.amazon.awssdk.services.pinpoint.model.ListRecommenderConfigurationsResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.RecommenderConfigurationResponse;

/** Recommender configurations through the AWS SDK for Java v2: kept, listed, paged, updated, deleted, per account. */
class PinpointRecommendersIT {
    private static final String CAMPAIGN = "arn:aws:personalize:us-east-1:123456789012:campaign/picks";
    private static final String ROLE = "arn:aws:iam::123456789012:role/personalize-reader";
    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        pinpoint = server.pinpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static CreateRecommenderConfigurationResponse create(PinpointClient client,
                                                                 Consumer<CreateRecommenderConfiguration.Builder> more) {
        return client.createRecommenderConfiguration(r -> r.createRecommenderConfiguration(c -> {
            c.recommendationProviderUri(CAMPAIGN).recommendationProviderRoleArn(ROLE);
            more.accept(c);
        }));
    }

    @Test
    void aConfigurationIsKeptUpdatedAndDeleted() {
        CreateRecommenderConfigurationResponse created = create(pinpoint, c -> c.name("picks").description("Top picks")
                .recommendationTransformerUri("transform-picks").recommendationsDisplayName("Picks")
                .attributes(Map.of("Recommendations.Title", "Title")));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        RecommenderConfigurationResponse config = created.recommenderConfigurationResponse();
        assertTrue(config.id().matches("[0-9a-f]{32}"), config.id());
        assertEquals("picks", config.name());
        assertEquals("PINPOINT_ENDPOINT_ID", config.recommendationProviderIdType());
        assertEquals(5, config.recommendationsPerMessage());
        assertEquals(Map.of("Recommendations.Title", "Title"), config.attributes());
        assertTrue(config.creationDate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), config.creationDate());
        assertEquals(config, pinpoint.getRecommenderConfiguration(r -> r.recommenderId(config.id())).recommenderConfigurationResponse());

        RecommenderConfigurationResponse updated = pinpoint.updateRecommenderConfiguration(r -> r.recommenderId(config.id())
                .updateRecommenderConfiguration(u -> u.recommendationProviderUri(CAMPAIGN).recommendationProviderRoleArn(ROLE)
                        .recommendationProviderIdType("PINPOINT_USER_ID").recommendationsPerMessage(3)))
                .recommenderConfigurationResponse();
        assertEquals(config.id(), updated.id());
        assertEquals(config.creationDate(), updated.creationDate());
        assertEquals("PINPOINT_USER_ID", updated.recommendationProviderIdType());
        assertEquals(3, updated.recommendationsPerMessage());
        assertNull(updated.name(), "an update replaces the configuration");

        assertEquals(updated, pinpoint.deleteRecommenderConfiguration(r -> r.recommenderId(config.id()))
                .recommenderConfigurationResponse());
        assertEquals("Recommender configuration not found", assertThrows(NotFoundException.class,
                () -> pinpoint.getRecommenderConfiguration(r -> r.recommenderId(config.id()))).awsErrorDetails().errorMessage());
        JsonNode record = server.records("CreateRecommenderConfiguration").stream()
                .filter(r -> r.path("responseElements").path("Id").asText().equals(config.id())).findFirst().orElseThrow();
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":recommenders/" + config.id(),
                record.path("resources").path(0).path("ARN").asText(), record.toString());
        assertEquals("***", record.path("requestParameters").path("Description").asText());
    }

    @Test
    void theListPagesInCreationOrderAndStaysInItsAccount() {
        TestServer.AccountKey account = server.createAccount("recommenders");
        PinpointClient own = server.pinpoint(account.credentials(), Region.US_EAST_1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            ids.add(create(own, c -> c.name("r" + n)).recommenderConfigurationResponse().id());
        }
        ListRecommenderConfigurationsResponse first = own.getRecommenderConfigurations(r -> r.pageSize("2"))
                .listRecommenderConfigurationsResponse();
        assertEquals(ids.subList(0, 2), first.item().stream().map(RecommenderConfigurationResponse::id).toList());
        ListRecommenderConfigurationsResponse second = own.getRecommenderConfigurations(r -> r.pageSize("2")
                .token(first.nextToken())).listRecommenderConfigurationsResponse();
        assertEquals(ids.subList(2, 3), second.item().stream().map(RecommenderConfigurationResponse::id).toList());
        assertNull(second.nextToken());
        assertTrue(pinpoint.getRecommenderConfigurations(r -> r.pageSize("50")).listRecommenderConfigurationsResponse()
                .item().stream().noneMatch(c -> ids.contains(c.id())), "another account's configurations are not listed");
        assertThrows(NotFoundException.class, () -> pinpoint.getRecommenderConfiguration(r -> r.recommenderId(ids.get(0))));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteRecommenderConfiguration(r -> r.recommenderId(ids.get(0))));
    }

    @Test
    void badConfigurationsAreRefused() {
        assertBad("RecommendationProviderUri must be the ARN of an Amazon Personalize campaign",
                c -> c.recommendationProviderUri("arn:aws:s3:::bucket"));
        assertBad("RecommendationProviderRoleArn must be the ARN of an IAM role", c -> c.recommendationProviderRoleArn("role"));
        assertBad("RecommendationProviderIdType must be one of [PINPOINT_ENDPOINT_ID, PINPOINT_USER_ID]",
                c -> c.recommendationProviderIdType("EMAIL"));
        assertBad("RecommendationsPerMessage must be between 1 and 5", c -> c.recommendationsPerMessage(6));
        assertBad("Attributes require a RecommendationTransformerUri", c -> c.attributes(Map.of("Recommendations.A", "A")));
        assertBad("Attribute Title must be named Recommendations.<name>",
                c -> c.recommendationTransformerUri("t").attributes(Map.of("Title", "A")));
        assertBad("RecommendationsDisplayName must be at most 25 characters",
                c -> c.recommendationsDisplayName("x".repeat(26)));
        assertEquals("Invalid token", assertThrows(BadRequestException.class,
                () -> pinpoint.getRecommenderConfigurations(r -> r.token("bm90LWEtdG9rZW4"))).awsErrorDetails().errorMessage());
    }

    private static void assertBad(String message, Consumer<CreateRecommenderConfiguration.Builder> change) {
        assertEquals(message, assertThrows(BadRequestException.class, () -> create(pinpoint, change))
                .awsErrorDetails().errorMessage());
    }
}
