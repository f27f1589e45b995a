// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CreateConfigurationSet, DeleteConfigurationSet, ListConfigurationSets. Names are 1–64 letters, digits, hyphens
 * and underscores (the rule AWS documents for SMS and Voice configuration sets); lists go in name order, PageSize
 * 1–100 (default 100), with an opaque NextToken.
 */
final class ConfigurationSetsApi {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_PAGE_SIZE = 100;

    private final ConfigurationSets sets;

    ConfigurationSetsApi(ConfigurationSets sets) {
        this.sets = sets;
    }

    ObjectNode create(Invocation inv, Tx tx) throws SQLException {
        String name = validName(inv.input().path("ConfigurationSetName").asText(""), "ConfigurationSetName");
        if (sets.exists(tx, inv.accountId(), inv.region(), name)) {
            throw SmsVoiceErrors.alreadyExists("Configuration set " + name + " already exists");
        }
        sets.create(tx, inv.accountId(), inv.region(), name, inv.time().toEpochMilli());
        return ConfigurationSets.MAPPER.createObjectNode();
    }

    ObjectNode delete(Invocation inv, Tx tx) throws SQLException {
        String name = require(inv, tx);
        sets.delete(tx, inv.accountId(), inv.region(), name);
        return ConfigurationSets.MAPPER.createObjectNode();
    }

    ObjectNode list(Invocation inv, Tx tx) throws SQLException {
        int pageSize = pageSize(inv.input().path("PageSize").asText(""));
        String after = after(inv.input().path("NextToken").asText(""));
        List<String> names = sets.names(tx, inv.accountId(), inv.region(), after, pageSize + 1);
        ObjectNode output = ConfigurationSets.MAPPER.createObjectNode();
        var list = output.putArray("ConfigurationSets");
        names.stream().limit(pageSize).forEach(list::add);
        if (names.size() > pageSize) {
            output.put("NextToken", token(names.get(pageSize - 1)));
        }
        return output;
    }

    /** The configuration set the request names (its URI label), which must exist. */
    String require(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("ConfigurationSetName").asText("");
        if (!sets.exists(tx, inv.accountId(), inv.region(), name)) {
            throw SmsVoiceErrors.notFound("Configuration set " + name + " does not exist");
        }
        return name;
    }

    static String validName(String name, String member) {
        if (name.isEmpty()) {
            throw SmsVoiceErrors.badRequest(member + " is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw SmsVoiceErrors.badRequest(member + " must be 1 to 64 characters: letters, digits, hyphens (-) and "
                    + "underscores (_); got '" + name + "'");
        }
        return name;
    }

    private static int pageSize(String text) {
        if (text.isEmpty()) {
            return MAX_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw SmsVoiceErrors.badRequest("PageSize must be a number from 1 to " + MAX_PAGE_SIZE + "; got '" + text + "'");
    }

    private static String token(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("cs:" + lastName).getBytes(StandardCharsets.UTF_8));
    }

    private static String after(String token) {
        if (token.isEmpty()) {
            return "";
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("cs:")) {
                return text.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw SmsVoiceErrors.badRequest("NextToken is not valid");
    }
}
