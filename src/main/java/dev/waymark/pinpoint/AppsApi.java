// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Applications: CreateApp, GetApp, GetApps, DeleteApp. */
final class AppsApi {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;

    private final AppRepository apps;
    private final TagRepository tags;

    AppsApi(AppRepository apps, TagRepository tags) {
        this.apps = apps;
        this.tags = tags;
    }

    ObjectNode createApp(Invocation inv, Tx tx) throws SQLException {
        JsonNode request = inv.input().path("CreateApplicationRequest");
        String name = request.path("Name").asText("");
        if (name.isBlank()) {
            throw PinpointErrors.badRequest("Missing required field: Name");
        }
        Map<String, String> tagMap = TagsApi.validTags(request.path("tags"));
        App app = new App(inv.accountId(), inv.region(), Uuids.random().toString().replace("-", ""), name,
                Timestamps.iso(inv.time()));
        apps.insert(tx, app);
        tags.put(tx, app.arn(), tagMap);
        return wrap("ApplicationResponse", response(tx, app));
    }

    ObjectNode getApp(Invocation inv, Tx tx) throws SQLException {
        return wrap("ApplicationResponse", response(tx, require(inv, tx)));
    }

    ObjectNode getApps(Invocation inv, Tx tx) throws SQLException {
        int pageSize = Pages.size(inv);
        long after = Pages.position(inv, "app", 0);
        List<AppRepository.Page> page = apps.page(tx, inv.accountId(), inv.region(), after, pageSize + 1);
        ObjectNode result = MAPPER.createObjectNode();
        var items = result.putArray("Item");
        List<AppRepository.Page> shown = page.subList(0, Math.min(pageSize, page.size()));
        Map<String, ObjectNode> tagsByArn = tags.tags(tx, shown.stream().map(entry -> entry.app().arn()).toList());
        for (AppRepository.Page entry : shown) {
            items.add(response(entry.app(), tagsByArn.get(entry.app().arn())));
        }
        if (page.size() > pageSize) {
            result.put("NextToken", Pages.token("app", page.get(pageSize - 1).sequence()));
        }
        return wrap("ApplicationsResponse", result);
    }

    ObjectNode deleteApp(Invocation inv, Tx tx) throws SQLException {
        App app = require(inv, tx);
        ObjectNode response = response(tx, app);
        apps.delete(tx, app);
        tags.removeAll(tx, app.arn());
        return wrap("ApplicationResponse", response);
    }

    /** The application named by the request's application-id, in the caller's account and region. */
    App require(Invocation inv, Tx tx) throws SQLException {
        String id = inv.input().path("ApplicationId").asText();
        return apps.find(tx, inv.accountId(), inv.region(), id)
                .orElseThrow(() -> PinpointErrors.notFound("Application not found"));
    }

    private ObjectNode response(Tx tx, App app) throws SQLException {
        return response(app, tags.tags(tx, app.arn()));
    }

    private static ObjectNode response(App app, ObjectNode appTags) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("Arn", app.arn()).put("Id", app.id()).put("Name", app.name());
        node.set("tags", appTags);
        node.put("CreationDate", app.creationDate());
        return node;
    }

    static ObjectNode wrap(String member, JsonNode value) {
        ObjectNode output = MAPPER.createObjectNode();
        output.set(member, value);
        return output;
    }

    static int pageSize(String text) {
        if (text.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(text);
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw PinpointErrors.badRequest("PageSize must be between 1 and " + MAX_PAGE_SIZE);
            }
            return size;
        } catch (NumberFormatException e) {
            throw PinpointErrors.badRequest("PageSize must be a number");
        }
    }
}
