// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.audit.AuditRecorder;
import dev.waymark.audit.CloudTrailService;
import dev.waymark.audit.EventLog;
import dev.waymark.audit.Masking;
import dev.waymark.audit.Retention;
import dev.waymark.audit.RecordBuilder;
import dev.waymark.channel.Channels;
import dev.waymark.channel.Dispatcher;
import dev.waymark.channel.TopicPublisher;
import dev.waymark.core.SecretBox;
import dev.waymark.email.EmailService;
import dev.waymark.iam.Authorizer;
import dev.waymark.iam.CredentialResolver;
import dev.waymark.iam.IdentityFile;
import dev.waymark.iam.IdentityStore;
import dev.waymark.iam.SessionTokens;
import dev.waymark.iam.OrganizationsService;
import dev.waymark.iam.StsService;
import dev.waymark.pinpoint.PinpointService;
import dev.waymark.smsvoice.SmsVoiceService;
import dev.waymark.trail.Delivery;
import dev.waymark.trail.ExternalBuckets;
import dev.waymark.trail.ExternalTopics;
import java.util.Optional;
import dev.waymark.trail.TrailService;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.protocol.sigv4.SigV4Verifier;
import dev.waymark.s3.LifecycleJob;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.S3Service;
import dev.waymark.sns.SnsDelivery;
import dev.waymark.sns.SnsService;
import dev.waymark.sns.Topics;
import dev.waymark.store.GroupCommitStore;
import dev.waymark.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A running Waymark: the store, the identities, the services, the pipeline and the listener, wired explicitly. */
public final class WaymarkServer implements AutoCloseable {
    private final Store store;
    private final HttpListener listener;
    private final Bootstrap.Credentials credentials;
    private final List<AutoCloseable> jobs;

    private WaymarkServer(Store store, HttpListener listener, Bootstrap.Credentials credentials, List<AutoCloseable> jobs) {
        this.store = store;
        this.listener = listener;
        this.credentials = credentials;
        this.jobs = jobs;
    }

    public static WaymarkServer start(ServerConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        Store store = openStore(config);
        SecretBox secrets = SecretBox.fromKeyFile(config.dataDir().resolve("master.key"));
        IdentityStore identities = new IdentityStore(secrets);
        try {
            if (config.identitiesFile().isPresent()) {
                var file = IdentityFile.read(config.identitiesFile().get());
                store.write(tx -> {
                    new IdentityFile(identities).apply(tx, file, System.currentTimeMillis());
                    return null;
                });
            }
            Bootstrap.Credentials credentials = new Bootstrap(store, identities).ensureDefaultAccount(config);
            SessionTokens tokens = new SessionTokens(secrets);
            Authorizer authorizer = new Authorizer(store, identities);
            ObjectFiles objectFiles = new ObjectFiles(config.dataDir().resolve("buckets"), secrets);
            Optional<ExternalBuckets> external = config.externalS3().map(ExternalBuckets::new);
            Optional<ExternalTopics> externalTopics = config.externalSns().map(ExternalTopics::new);
            Topics topics = new Topics();
            SnsDelivery snsDelivery = new SnsDelivery(store, secrets, Clock.systemUTC());
            Channels channels = new Channels(config.smtp().isPresent(), config.webhookUrl().isPresent());
            List<ServiceBinding> services = List.of(
                    ServiceBinding.of(PinpointService.implementation(secrets, channels)),
                    ServiceBinding.of(SmsVoiceService.implementation(channels)),
                    ServiceBinding.of(EmailService.implementation(channels)),
                    ServiceBinding.of(new StsService(identities, tokens, authorizer).implementation()),
                    ServiceBinding.of(OrganizationsService.implementation(identities)),
                    ServiceBinding.of(CloudTrailService.implementation(secrets, config.eventRetention(), config.lookupRateLimit(),
                            TrailService.handlers(external, topics, externalTopics, store))),
                    ServiceBinding.of(CloudTrailService.waymark(config.eventRetention())),
                    ServiceBinding.of(S3Service.implementation(objectFiles)),
                    ServiceBinding.of(SnsService.implementation(secrets, snsDelivery)));
            AuditRecorder recorder = new AuditRecorder(new RecordBuilder(config.eventVersion(),
                    config.maskingFile().map(Masking::load).orElseGet(Masking::load)),
                    new EventLog(), config.recording(), config.notRecorded().orElse(null));
            Pipeline pipeline = new Pipeline(services, new SigV4Verifier(new CredentialResolver(store, identities, tokens)),
                    authorizer, store, recorder, Clock.systemUTC(), config.maxBodyBytes());
            HttpListener listener = new HttpListener(config, pipeline);
            Retention.preparePartitions(store, Clock.systemUTC());
            listener.start();
            Delivery delivery = new Delivery(store, new ObjectWriter(objectFiles), external, Clock.systemUTC(),
                    config.deliveryInterval(), secrets, config.digestPeriod(), config.signingKeyRotation(), topics,
                    externalTopics, config.logFileMaxEvents());
            delivery.start();
            Retention retention = new Retention(store, config.eventRetention(), Clock.systemUTC(), delivery::oldestUndelivered);
            retention.start();
            LifecycleJob bucketLifecycle = new LifecycleJob(store, objectFiles, Clock.systemUTC());
            bucketLifecycle.start();
            snsDelivery.start();
            List<AutoCloseable> jobs = new java.util.ArrayList<>(List.of(retention, bucketLifecycle, delivery, snsDelivery));
            var pinpointJobs = PinpointService.jobRunner(store, new BucketObjects(store, objectFiles, external,
                    Clock.systemUTC()), new dev.waymark.iam.IamServiceRoles(store, identities, authorizer), Clock.systemUTC(),
                    java.time.Duration.ofMillis(250));
            pinpointJobs.start();
            jobs.add(pinpointJobs);
            external.ifPresent(jobs::add);
            externalTopics.ifPresent(jobs::add);
            Dispatcher messages = new Dispatcher(store, channels, Dispatcher.providers(config.smtp(), config.webhookUrl(),
                    embeddedTopicPublisher()), Clock.systemUTC(), java.time.Duration.ofMillis(250));
            messages.start();
            jobs.add(messages);
            var campaigns = PinpointService.campaignRunner(store, secrets, channels, Clock.systemUTC(),
                    java.time.Duration.ofMillis(250));
            campaigns.start();
            jobs.add(campaigns);
            return new WaymarkServer(store, listener, credentials, List.copyOf(jobs));
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * Events of e-mail and voice event destinations whose destination is an SNS topic: published to the embedded
     * topic of that ARN when the account owning the message owns it, else undeliverable (and so recorded).
     */
    private static TopicPublisher embeddedTopicPublisher() {
        return (tx, accountId, topicArn, message, now) -> {
            Optional<dev.waymark.sns.TopicInfo> topic = dev.waymark.sns.Topics.find(tx, topicArn);
            if (topic.isEmpty() || !topic.get().accountId().equals(accountId)) {
                return Optional.of("there is no embedded SNS topic " + topicArn + " in account " + accountId);
            }
            try {
                new dev.waymark.sns.Topics().publish(tx, topicArn, message, Optional.empty(), now);
                return Optional.empty();
            } catch (dev.waymark.core.AwsException e) {
                return Optional.of("SNS refused the event: " + e.getMessage());
            }
        };
    }

    /** The store the configuration names: PostgreSQL with --database-url, else the data directory's SQLite file. */
    static Store openStore(ServerConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        return config.database().<Store>map(postgres -> new GroupCommitStore(postgres, config.databasePoolSize()))
                .orElseGet(() -> GroupCommitStore.sqlite(config.dataDir().resolve("waymark.db"), config.databasePoolSize()));
    }

    public int port() {
        return listener.port();
    }

    public Store store() {
        return store;
    }

    public Bootstrap.Credentials credentials() {
        return credentials;
    }

    @Override
    public void close() throws Exception {
        try {
            for (AutoCloseable job : jobs) {
                job.close();
            }
            listener.close();
        } finally {
            store.close();
        }
    }
}
