// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an Update…Channel call makes of a channel: the members the request carries replace the stored ones (the
 * others are kept), credentials go to the sealed side, the kind's requirements and rule are checked, and the
 * version advances. Creates the channel when it has none.
 */
final class ChannelUpdate {
    private ChannelUpdate() {
    }

    static ChannelRepository.StoredChannel apply(ChannelKind kind, Optional<ChannelRepository.StoredChannel> current,
                                                 JsonNode request, App app, Invocation inv) {
        ObjectNode document = current.map(c -> c.document().deepCopy()).orElseGet(() -> fresh(kind, app, inv));
        ObjectNode secrets = current.map(c -> c.secrets().deepCopy()).orElseGet(AppsApi.MAPPER::createObjectNode);
        request.properties().stream()
                .filter(e -> kind.takes(e.getKey()) && !e.getValue().isNull())
                .forEach(e -> (kind.secretMembers().contains(e.getKey()) ? secrets : document).set(e.getKey(), e.getValue()));
        requireMembers(kind, document, secrets);
        kind.rule().apply(document, secrets);
        document.put("HasCredential", !secrets.isEmpty());
        document.put("LastModifiedBy", inv.principal().arn());
        document.put("LastModifiedDate", Timestamps.iso(inv.time()));
        document.put("Version", document.path("Version").asInt(0) + 1);
        return new ChannelRepository.StoredChannel(document, secrets);
    }

    private static ObjectNode fresh(ChannelKind kind, App app, Invocation inv) {
        ObjectNode document = AppsApi.MAPPER.createObjectNode();
        document.put("ApplicationId", app.id()).put("CreationDate", Timestamps.iso(inv.time())).put("Enabled", true)
                .put("Id", kind.id()).put("IsArchived", false).put("Platform", kind.platform());
        kind.defaults().forEach(document::put);
        return document;
    }

    /** The channel must hold one of its kind's alternatives in full. */
    private static void requireMembers(ChannelKind kind, ObjectNode document, ObjectNode secrets) {
        if (kind.required().isEmpty()) {
            return;
        }
        ObjectNode merged = document.deepCopy().setAll(secrets);
        if (kind.required().stream().noneMatch(members -> ChannelKind.holds(merged, members))) {
            throw PinpointErrors.badRequest("The " + kind.platform() + " channel needs " + kind.required().stream()
                    .map(ChannelUpdate::and).collect(Collectors.joining(", or ")));
        }
    }

    private static String and(List<String> members) {
        return members.size() == 1 ? members.get(0)
                : String.join(", ", members.subList(0, members.size() - 1)) + " and " + members.get(members.size() - 1);
    }
}
