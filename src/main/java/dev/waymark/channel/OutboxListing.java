// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.store.Tx;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code waymark outbox list}: the newest messages of the outbox, one tab-separated line each — accepted at,
 * id, account, region, kind, provider, status, attempts, summary, and the last error if any — after a header line.
 */
public final class OutboxListing {
    private static final String HEADER = "accepted\tid\taccount\tregion\tkind\tprovider\tstatus\tattempts\tsummary\terror";

    private OutboxListing() {
    }

    /** Prints the listing; {@code kind} is a {@link Kind} name, any case. */
    public static void print(Tx tx, Optional<String> accountId, Optional<String> kind, int limit, PrintStream out)
            throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        List<Message> messages = new Outbox().list(tx, accountId, kind.map(OutboxListing::kind), limit);
        out.println(HEADER);
        for (Message message : messages) {
            out.println(String.join("\t", Instant.ofEpochMilli(message.createdAt()).toString(), message.id(),
                    message.accountId(), message.region(), message.kind().name(), message.provider(),
                    message.status().name(), Integer.toString(message.attempts()), oneLine(message.summary()),
                    oneLine(message.lastError().orElse(""))));
        }
    }

    private static Kind kind(String text) {
        try {
            return Kind.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kind must be one of email, voice, sms, event; got '" + text + "'");
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }
}
