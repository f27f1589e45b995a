// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Pages of ListTemplates and ListTemplateVersions: {@code {Item: [...], NextToken}}, where the opaque
 * {@code next-token} carries the kind of list and the position of the last item shown.
 */
final class TemplatePages {
    /** The position after which the page starts (0 without a token); BadRequestException for a foreign token. */
    long position(Invocation inv, String kind) {
        String token = inv.input().path("NextToken").asText("");
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(kind + ":")) {
                throw new IllegalArgumentException(text);
            }
            return Long.parseLong(text.substring(kind.length() + 1));
        } catch (IllegalArgumentException e) {
            throw PinpointErrors.badRequest("Invalid next-token");
        }
    }

    /** The first {@code size} of the entries (fetched with one more, to tell whether another page exists). */
    ObjectNode page(List<TemplateRepository.Entry> entries, int size, String kind, UnaryOperator<ObjectNode> item) {
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("Item");
        List<TemplateRepository.Entry> shown = entries.subList(0, Math.min(size, entries.size()));
        shown.forEach(entry -> items.add(item.apply(entry.document())));
        if (entries.size() > size) {
            String token = kind + ":" + shown.get(shown.size() - 1).position();
            response.put("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }
}
