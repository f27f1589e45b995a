// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the template a TemplateConfiguration names for one of its members ({@code EmailTemplate},
 * {@code SMSTemplate}, {@code VoiceTemplate}, {@code PushTemplate}, {@code InAppTemplate}): the named version, or
 * the active one. A named template that does not exist is the caller's mistake: NotFoundException.
 */
final class TemplateLookup {
    private static final Map<String, String> TYPES = Map.of("EmailTemplate", "EMAIL", "SMSTemplate", "SMS",
            "VoiceTemplate", "VOICE", "PushTemplate", "PUSH", "InAppTemplate", "INAPP");

    private TemplateLookup() {
    }

    static Optional<ObjectNode> find(TemplateRepository templates, Tx tx, App app, JsonNode configuration, String member)
            throws SQLException {
        JsonNode reference = configuration.path(member);
        String name = reference.path("Name").asText("");
        if (name.isEmpty() || !TYPES.containsKey(member)) {
            return Optional.empty();
        }
        Optional<String> version = Optional.of(reference.path("Version").asText("")).filter(v -> !v.isEmpty());
        Optional<ObjectNode> template = templates.find(tx, app.accountId(), app.region(), name, TYPES.get(member), version);
        if (template.isEmpty()) {
            throw PinpointErrors.notFound("Template " + name + " of type " + TYPES.get(member)
                    + version.map(v -> " version " + v).orElse("") + " not found");
        }
        return template;
    }
}
