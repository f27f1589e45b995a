// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waymark.testing.Moto;
import dev.waymark.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The shipped jar (not Maven's test classpath) reaches the external stores: its SDK clients must find everything they
 * sign and send with. CreateTrail checks an external bucket (HeadBucket, GetBucketPolicy) and an external topic
 * (GetTopicAttributes) through them.
 */
class PackagedJarIT {
    @Test
    void theJarReachesAnExternalS3AndAnExternalSns() throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-jar");
        try (Moto moto = Moto.start()) {
            moto.client(S3Client.builder().forcePathStyle(true)).createBucket(r -> r.bucket("jar-logs"));
            SnsClient sns = moto.client(SnsClient.builder());
            String topic = sns.createTopic(r -> r.name("jar-topic")).topicArn();
            sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("Policy")
                    .attributeValue(dev.waymark.testing.Policies.cloudTrailTopic(topic)));
            try (ServerProcess server = ServerProcess.start(dataDir, moto.flags("s3", moto.flags("sns")))) {
                Properties profile = new Properties();
                try (var reader = Files.newBufferedReader(dataDir.resolve("credentials"))) {
                    profile.load(reader);
                }
                CloudTrailClient cloudTrail = CloudTrailClient.builder()
                        .endpointOverride(java.net.URI.create("http://127.0.0.1:" + server.port())).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                profile.getProperty("aws_access_key_id"), profile.getProperty("aws_secret_access_key"))))
                        .httpClient(UrlConnectionHttpClient.create()).build();
                assertEquals(topic, cloudTrail.createTrail(r -> r.name("from-jar").s3BucketName("jar-logs")
                        .snsTopicName(topic)).snsTopicARN());
            }
        }
    }
}
