// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.core.Backoff;
import dev.waymark.core.Periodic;
import dev.waymark.core.PublicDocument;
import dev.waymark.core.SecretBox;
import dev.waymark.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: every half second, the messages due are leased, POSTed to their endpoints concurrently (signed
 * envelopes, see {@link Envelope}) and deleted once an endpoint answers 2xx. A failure (another status, no answer
 * within 15 s, no connection) is retried after 1 s, 2 s, 4 s … up to 5 minutes between attempts; a message still
 * not taken three days after it was published is dropped, with an error in the log. Delivery is at least once: a
 * crash between an endpoint's answer and the delete sends that message again. Also serves the signing certificate.
 * {@link #deliverDue()} runs one pass. Thread-safe.
 */
public final class SnsDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnsDelivery.class);
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration GIVE_UP = Duration.ofDays(3);
    private static final int BATCH = 50;
    private static final int MAX_BATCHES_PER_PASS = 20;
    private static final Pattern CERTIFICATE = Pattern.compile(Pattern.quote(SigningKeys.CERTIFICATE_PREFIX)
            + "([0-9a-f]{32})\\.pem");

    private final Store store;
    private final Clock clock;
    private final SigningKeys keys;
    private final ConfirmationTokens tokens;
    private final Outbox outbox = new Outbox();
    private final HttpClient http;
    private final Periodic periodic;

    public SnsDelivery(Store store, SecretBox secrets, Clock clock) {
        this.store = store;
        this.periodic = new Periodic("sns-delivery", INTERVAL, store, this::deliverDue);
        this.clock = clock;
        this.keys = new SigningKeys(store, secrets, clock);
        this.tokens = new ConfirmationTokens(secrets);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void start() {
        periodic.start();
    }

    /** One pass: sends what is due now, in batches, until nothing is due; returns how many endpoints took theirs. */
    public int deliverDue() {
        int delivered = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
            long now = clock.millis();
            if (!store.read(tx -> outbox.anyDue(tx, now))) {
                break;
            }
            List<Outbox.Due> due = store.write(tx -> outbox.lease(tx, now, BATCH, now + LEASE.toMillis()));
            delivered += send(due, now);
            if (due.size() < BATCH) {
                break;
            }
        }
        return delivered;
    }

    private int send(List<Outbox.Due> due, long now) {
        SigningKeys.Key key = keys.current();
        List<CompletableFuture<Optional<String>>> sends = new ArrayList<>();
        for (Outbox.Due message : due) {
            sends.add(post(message, key, now));
        }
        List<Optional<String>> failures = sends.stream().map(CompletableFuture::join).toList();
        long after = clock.millis();
        return store.write(tx -> {
            int delivered = 0;
            for (int i = 0; i < due.size(); i++) {
                Outbox.Due message = due.get(i);
                Optional<String> failure = failures.get(i);
                if (failure.isEmpty()) {
                    outbox.delivered(tx, message.subscriptionArn(), message.messageId());
                    delivered++;
                } else if (message.publishedAt() < after - GIVE_UP.toMillis()) {
                    LOG.error("SNS {} {} to {} dropped after {} attempts over {}: {}", message.kind(), message.messageId(),
                            message.endpoint(), message.attempts() + 1, GIVE_UP, failure.get());
                    outbox.delivered(tx, message.subscriptionArn(), message.messageId());
                } else {
                    LOG.info("SNS {} {} to {} failed (attempt {}): {}", message.kind(), message.messageId(),
                            message.endpoint(), message.attempts() + 1, failure.get());
                    outbox.retryAt(tx, message.subscriptionArn(), message.messageId(),
                            after + backoff(message.attempts() + 1).toMillis(), failure.get());
                }
            }
            return delivered;
        });
    }

    /** The wait after the n-th failed attempt: 1 s, doubling, at most 5 minutes. */
    static Duration backoff(int failedAttempts) {
        return Backoff.after(failedAttempts, FIRST_RETRY);
    }

    /** POSTs one envelope; completes with empty on a 2xx answer, else with what went wrong. */
    private CompletableFuture<Optional<String>> post(Outbox.Due message, SigningKeys.Key key, long now) {
        try {
            Envelope envelope = Envelope.of(message, key, tokens, now);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(message.endpoint())).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.body()));
            envelope.headers().forEach(request::header);
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                if (error != null) {
                    return Optional.of(String.valueOf(error.getCause() == null ? error : error.getCause()));
                }
                int status = response.statusCode();
                return status >= 200 && status < 300 ? Optional.empty() : Optional.of("HTTP " + status);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Optional.of(e.toString()));
        }
    }

    /** The signing certificate, for an unsigned GET of its SigningCertURL path. */
    Optional<PublicDocument> document(String rawPath) {
        Matcher matcher = CERTIFICATE.matcher(rawPath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return keys.certificatePem(matcher.group(1)).map(pem -> new PublicDocument("application/x-pem-file", pem));
        } catch (RuntimeException e) {
            LOG.error("cannot read the SNS signing certificate {}", matcher.group(1), e);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        periodic.close();
    }
}
