// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads a test server's outbox, waiting (up to 10 s, in short polls) until what a test expects is there. */
public final class OutboxProbe {
    private OutboxProbe() {
    }

    /** The message with this id once it is no longer pending. */
    public static Message finished(TestServer server, String id) throws InterruptedException {
        return await(server, "message " + id + " finished",
                () -> find(server, id).filter(m -> m.status() != Status.PENDING));
    }

    public static Optional<Message> find(TestServer server, String id) {
        return server.server().store().read(tx -> new Outbox().find(tx, id));
    }

    /** Every message of a kind, newest first, once the predicate holds for that list. */
    public static List<Message> all(TestServer server, Kind kind, Predicate<List<Message>> until)
            throws InterruptedException {
        return await(server, "messages of kind " + kind, () -> {
            List<Message> messages = server.server().store().read(tx -> new Outbox().list(tx, Optional.empty(),
                    Optional.of(kind), 1000));
            return until.test(messages) ? Optional.of(messages) : Optional.empty();
        });
    }

    /** Waits until no message of the kind is still pending: what earlier tests sent has been handed over. */
    public static void settled(TestServer server, Kind kind) throws InterruptedException {
        all(server, kind, messages -> messages.stream().noneMatch(m -> m.status() == Status.PENDING));
    }

    private interface Check<T> {
        Optional<T> get();
    }

    private static <T> T await(TestServer server, String what, Check<T> check) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
