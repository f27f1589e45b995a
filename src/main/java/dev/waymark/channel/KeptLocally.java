// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.store.Tx;

/**
 * The local outbox (messages) and the local event log (events): the message stays in the store, where
 * {@code waymark outbox list} shows it, and nothing leaves Waymark.
 */
final class KeptLocally implements Provider.Local {
    private final String name;

    KeptLocally(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome deliver(Tx tx, Message message, long now) {
        return Outcome.kept(name.equals(Channels.LOG) ? "kept in the local event log" : "kept in the local outbox");
    }
}
