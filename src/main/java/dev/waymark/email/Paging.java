// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The lists' paging: PageSize 1–1000 (default 100), and an opaque NextToken that names the last key of the page
 * and which list it belongs to, so that a token of one list is refused by another.
 */
final class Paging {
    private static final int DEFAULT = 100;
    private static final int MAX = 1000;

    private final String list;
    private final int size;
    private final String after;

    private Paging(String list, int size, String after) {
        this.list = list;
        this.size = size;
        this.after = after;
    }

    static Paging of(JsonNode input, String list) {
        int size = input.path("PageSize").asInt(DEFAULT);
        if (size < 1 || size > MAX) {
            throw EmailErrors.badRequest("PageSize must be between 1 and " + MAX);
        }
        return new Paging(list, size, after(input.path("NextToken").asText(""), list));
    }

    /** The key the page starts after ("" for the first page). */
    String after() {
        return after;
    }

    /** How many rows to read: one more than the page, to know whether another page follows. */
    int limit() {
        return size + 1;
    }

    /** Writes the page's items into {@code member} of the output, and NextToken when more follow. */
    <T> void write(ObjectNode output, String member, List<T> rows, Function<T, String> key,
                   Function<T, JsonNode> item) {
        ArrayNode items = output.putArray(member);
        rows.stream().limit(size).forEach(row -> items.add(item.apply(row)));
        if (rows.size() > size) {
            String token = list + ":" + key.apply(rows.get(size - 1));
            output.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String after(String token, String list) {
        if (token.isEmpty()) {
            return "";
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(list + ":")) {
                return text.substring(list.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw EmailErrors.badRequest("Invalid NextToken");
    }
}
