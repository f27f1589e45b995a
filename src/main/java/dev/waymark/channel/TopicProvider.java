// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/** Events whose destination is an SNS topic: published to the embedded topic in the same transaction. */
final class TopicProvider implements Provider.Local {
    private final TopicPublisher publisher;

    TopicProvider(TopicPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return Channels.SNS;
    }

    @Override
    public Outcome deliver(Tx tx, Message message, long now) throws SQLException {
        EventTarget target = EventTarget.fromJson((ObjectNode) message.payload().path("target"));
        Optional<String> refused = publisher.publish(tx, message.accountId(), target.address(),
                message.payload().path("event").toString(), now);
        return refused.map(Outcome::failed).orElseGet(() -> Outcome.delivered("published to " + target.address()));
    }
}
