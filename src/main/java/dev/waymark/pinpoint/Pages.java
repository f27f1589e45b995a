// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

/**
 * Pinpoint's paged lists ({@code {"Item": [...], "NextToken": ...}}, request members {@code PageSize} and
 * {@code Token}, or {@code NextToken} for templates): entries are fetched one beyond the page size, and the token is an opaque form of the position
 * of the last entry shown, tagged with the kind of list so that a token of one list is refused by another.
 */
final class Pages {
    private Pages() {
    }

    /** A page entry: the position it pages by (a row number, a version number) and the document shown. */
    record Entry(long position, ObjectNode document) {
    }

    /** What an entry's document becomes in the list (tags added, …). */
    @FunctionalInterface
    interface Item {
        ObjectNode of(ObjectNode document) throws SQLException;
    }

    /** The list of at most {@code size} of the entries, with a NextToken when there were more. */
    static ObjectNode page(List<Entry> entries, int size, String kind, Item item) throws SQLException {
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("Item");
        List<Entry> shown = entries.subList(0, Math.min(size, entries.size()));
        for (Entry entry : shown) {
            items.add(item.of(entry.document()));
        }
        if (entries.size() > size) {
            response.put("NextToken", token(kind, shown.get(shown.size() - 1).position()));
        }
        return response;
    }

    /** The opaque token continuing a list of the given kind after the given position. */
    static String token(String kind, long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position the request's Token continues from, or {@code none} without a token. */
    static long position(Invocation inv, String kind, long none) {
        return position(inv, "Token", kind, none);
    }

    /** The position the token in the given request member (Token, NextToken) continues from, or {@code none}. */
    static long position(Invocation inv, String member, String kind, long none) {
        String token = inv.input().path(member).asText("");
        if (token.isEmpty()) {
            return none;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(kind + ":")) {
                throw new IllegalArgumentException(text);
            }
            return Long.parseLong(text.substring(kind.length() + 1));
        } catch (IllegalArgumentException e) {
            throw PinpointErrors.badRequest("Invalid token");
        }
    }

    /** The version number a request names (Version, a label), BadRequestException when it is not a number. */
    static int version(Invocation inv) {
        try {
            return Integer.parseInt(inv.input().path("Version").asText());
        } catch (NumberFormatException e) {
            throw PinpointErrors.badRequest("Version must be a number");
        }
    }

    /** The request's page size (PageSize), checked. */
    static int size(Invocation inv) {
        return AppsApi.pageSize(inv.input().path("PageSize").asText(""));
    }
}
