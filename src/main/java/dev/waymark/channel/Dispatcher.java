// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.core.Backoff;
import dev.waymark.core.Periodic;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background job that hands pending messages to their providers and records what happened, every
 * {@code every}. A remote provider's message is leased first (its next attempt moved ahead by a minute), sent
 * outside any transaction, then its outcome is written; a crash in between sends it again after the lease, so
 * delivery is at least once. Temporary failures are retried after 1 s, 2 s, 4 s … up to 5 minutes between tries,
 * for 24 hours after the message was accepted; then it fails. A message whose provider this server lacks (an
 * e-mail accepted for SMTP by a server since restarted without {@code --smtp-host}) waits the same way.
 * Thread-safe; one dispatcher per store.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final int BATCH = 500;
    private static final Duration PASS_BUDGET = Duration.ofSeconds(1);

    private final Store store;
    private final Channels channels;
    private final Map<String, Provider> providers;
    private final Clock clock;
    private final Periodic job;

    public Dispatcher(Store store, Channels channels, List<Provider> providers, Clock clock, Duration every) {
        this.store = store;
        this.channels = channels;
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(Provider::name, Function.identity()));
        this.clock = clock;
        this.job = new Periodic("channel-dispatcher", every, store, this::runOnce);
    }

    /** The providers a server has: the local outbox and event log, SNS topics, and SMTP and the webhook if set. */
    public static List<Provider> providers(Optional<SmtpSettings> smtp, Optional<java.net.URI> webhook,
                                           TopicPublisher topics) {
        List<Provider> providers = new java.util.ArrayList<>(List.of(new KeptLocally(Channels.OUTBOX),
                new KeptLocally(Channels.LOG), new TopicProvider(topics)));
        smtp.ifPresent(settings -> providers.add(new SmtpProvider(settings)));
        webhook.ifPresent(url -> providers.add(new WebhookProvider(url)));
        return providers;
    }

    public void start() {
        job.start();
    }

    /**
     * One pass over the messages due now, batch after batch while a whole batch was due, for about a second at
     * most. The messages a local provider keeps are recorded together, one transaction per batch; each message of
     * a remote provider is leased, sent and recorded on its own.
     */
    public void runOnce() {
        long deadline = clock.millis() + PASS_BUDGET.toMillis();
        List<Message> due;
        do {
            long now = clock.millis();
            due = store.read(tx -> channels.outbox().due(tx, now, BATCH));
            List<Message> local = due.stream().filter(m -> providers.get(m.provider()) instanceof Provider.Local).toList();
            if (!local.isEmpty()) {
                store.write(tx -> {
                    for (Message message : local) {
                        record(tx, message, ((Provider.Local) providers.get(message.provider())).deliver(tx, message, clock.millis()));
                    }
                    return null;
                });
            }
            for (Message message : due) {
                if (!(providers.get(message.provider()) instanceof Provider.Local)) {
                    dispatch(message);
                }
            }
        } while (due.size() == BATCH && clock.millis() < deadline);
    }

    private void dispatch(Message message) {
        Provider provider = providers.get(message.provider());
        if (provider == null) {
            store.write(tx -> record(tx, message, Outcome.retry("provider " + message.provider()
                    + " is not configured on this server")));
        } else if (provider instanceof Provider.Remote remote && leased(message)) {
            Outcome outcome = send(remote, message);
            store.write(tx -> record(tx, message, outcome));
        }
    }

    private boolean leased(Message message) {
        return store.write(tx -> channels.outbox().lease(tx, message, clock.millis() + LEASE.toMillis()));
    }

    private static Outcome send(Provider.Remote provider, Message message) {
        try {
            return provider.send(message);
        } catch (RuntimeException e) {
            LOG.warn("{} {} via {} failed unexpectedly", message.id(), message.kind(), provider.name(), e);
            return Outcome.retry("unexpected failure: " + e);
        }
    }

    private Void record(Tx tx, Message message, Outcome outcome) throws SQLException {
        long now = clock.millis();
        int attempts = message.attempts() + 1;
        Outcome finalOutcome = outcome;
        if (!outcome.isFinal()) {
            if (now - message.createdAt() < GIVE_UP_AFTER.toMillis()) {
                long next = now + backoff(attempts).toMillis();
                channels.outbox().retryAt(tx, message, attempts, next, outcome.detail());
                LOG.info("{} {} via {}: attempt {} failed ({}); next try in {} ms", message.id(), message.kind(),
                        message.provider(), attempts, outcome.detail(), next - now);
                return null;
            }
            finalOutcome = Outcome.failed("gave up after " + attempts + " attempts: " + outcome.detail());
        }
        Status status = switch (finalOutcome.result()) {
            case DELIVERED -> Status.DELIVERED;
            case KEPT -> Status.KEPT;
            case FAILED, RETRY -> Status.FAILED;
        };
        channels.outbox().finish(tx, message, status, attempts,
                status == Status.FAILED ? Optional.of(finalOutcome.detail()) : Optional.empty(), now);
        if (status == Status.KEPT) {
            LOG.debug("{} {} via {}: {} ({})", message.id(), message.kind(), message.provider(), status, finalOutcome.detail());
        } else {
            LOG.info("{} {} via {}: {} ({})", message.id(), message.kind(), message.provider(), status, finalOutcome.detail());
        }
        Optional<DeliveryListener> listener = channels.listener(message.kind());
        if (listener.isPresent()) {
            listener.get().finished(tx, message, finalOutcome, now);
        }
        return null;
    }

    /** The wait after the given number of failed attempts: 1 s, doubling, at most 5 minutes. */
    static Duration backoff(int attempts) {
        return Backoff.after(attempts, Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        job.close();
    }
}
