// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Direct messages: SendMessages (to bare Addresses, each with its ChannelType, and to Endpoints by id) and
 * SendUsersMessages (to every endpoint of each user). Each recipient gets its own result; the call itself fails only
 * for what is wrong with the whole request (no MessageConfiguration, no recipients, more than 100 of them, a
 * template that does not exist). Content comes from the MessageConfiguration member of the recipient's channel,
 * then from the TemplateConfiguration template of that channel (active version unless one is named), then from
 * DefaultMessage; a recipient's BodyOverride/TitleOverride/Substitutions apply to it alone.
 */
final class MessagesApi {
    static final int MAX_RECIPIENTS = 100;

    private final AppsApi appsApi;
    private final EndpointRepository endpoints;
    private final TemplateRepository templates;
    private final MessageSender sender;

    MessagesApi(AppsApi appsApi, EndpointRepository endpoints, TemplateRepository templates, MessageSender sender) {
        this.appsApi = appsApi;
        this.endpoints = endpoints;
        this.templates = templates;
        this.sender = sender;
    }

    ObjectNode sendMessages(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("MessageRequest");
        JsonNode addresses = request.path("Addresses");
        JsonNode endpointConfigs = request.path("Endpoints");
        check(request, addresses.size() + endpointConfigs.size(), "Addresses or Endpoints");
        Contents contents = new Contents(tx, app, request);
        MessageSender.Batch batch = sender.batch(tx, app);
        long now = inv.time().toEpochMilli();
        ObjectNode response = AppsApi.MAPPER.createObjectNode().put("ApplicationId", app.id()).put("RequestId", inv.requestId());
        if (!addresses.isEmpty()) {
            ObjectNode results = response.putObject("Result");
            for (Iterator<Map.Entry<String, JsonNode>> it = addresses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode config = entry.getValue();
                String platform = config.path("ChannelType").asText("");
                if (platform.isEmpty()) {
                    results.set(entry.getKey(), MessageSender.failure(400, "ChannelType is required for address " + entry.getKey()));
                    continue;
                }
                MessageSender.Recipient recipient = new MessageSender.Recipient(platform, entry.getKey(), Optional.empty(),
                        substitutions(config, request, platform));
                results.set(entry.getKey(), send(batch, contents, recipient, config, request, now));
            }
        }
        if (!endpointConfigs.isEmpty()) {
            ObjectNode results = response.putObject("EndpointResult");
            for (Iterator<Map.Entry<String, JsonNode>> it = endpointConfigs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Optional<StoredEndpoint> endpoint = endpoints.find(tx, app, EndpointWriter.key(entry.getKey()));
                results.set(entry.getKey(), endpoint.isEmpty()
                        ? MessageSender.failure(404, "Endpoint " + entry.getKey() + " not found")
                        : toEndpoint(batch, contents, app, endpoint.get(), entry.getValue(), request, now));
            }
        }
        return AppsApi.wrap("MessageResponse", response);
    }

    ObjectNode sendUsersMessages(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("SendUsersMessageRequest");
        JsonNode users = request.path("Users");
        check(request, users.size(), "Users");
        Contents contents = new Contents(tx, app, request);
        MessageSender.Batch batch = sender.batch(tx, app);
        long now = inv.time().toEpochMilli();
        ObjectNode response = AppsApi.MAPPER.createObjectNode().put("ApplicationId", app.id()).put("RequestId", inv.requestId());
        ObjectNode results = response.putObject("Result");
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ObjectNode perUser = results.putObject(entry.getKey());
            for (StoredEndpoint endpoint : endpoints.byUser(tx, app, entry.getKey())) {
                perUser.set(endpoint.document().path("Id").asText(),
                        toEndpoint(batch, contents, app, endpoint, entry.getValue(), request, now));
            }
        }
        return AppsApi.wrap("SendUsersMessageResponse", response);
    }

    private static void check(JsonNode request, int recipients, String members) {
        if (!request.path("MessageConfiguration").isObject()) {
            throw PinpointErrors.badRequest("Missing required field: MessageConfiguration");
        }
        if (recipients == 0) {
            throw PinpointErrors.badRequest(members + " must name at least one recipient");
        }
        if (recipients > MAX_RECIPIENTS) {
            throw PinpointErrors.badRequest("A request can send to at most " + MAX_RECIPIENTS + " recipients; it has " + recipients);
        }
    }

    private ObjectNode toEndpoint(MessageSender.Batch batch, Contents contents, App app, StoredEndpoint endpoint,
                                  JsonNode config, JsonNode request, long now) throws SQLException {
        ObjectNode document = endpoint.response(app.id());
        String platform = document.path("ChannelType").asText("");
        String address = document.path("Address").asText("");
        MessageSender.Recipient recipient = new MessageSender.Recipient(platform, address, Optional.of(document),
                substitutions(config, request, platform));
        return send(batch, contents, recipient, config, request, now).put("Address", address);
    }

    private static ObjectNode send(MessageSender.Batch batch, Contents contents, MessageSender.Recipient recipient,
                                   JsonNode config, JsonNode request, long now) throws SQLException {
        if (!MessageContent.SENDABLE.contains(recipient.platform())) {
            return MessageSender.failure(400, "Waymark cannot send messages on the " + recipient.platform() + " channel");
        }
        ObjectNode context = AppsApi.MAPPER.createObjectNode();
        if (request.path("Context").isObject()) {
            context.setAll((ObjectNode) request.get("Context"));
        }
        if (config.path("Context").isObject()) {
            context.setAll((ObjectNode) config.get("Context"));
        }
        return batch.send(recipient, contents.of(recipient.platform()).overridden(config), context, now);
    }

    /**
     * The recipient's Substitutions, then the channel message's, then (push platforms only)
     * DefaultPushNotificationMessage's, then DefaultMessage's.
     */
    private static List<JsonNode> substitutions(JsonNode config, JsonNode request, String platform) {
        List<JsonNode> maps = new ArrayList<>();
        JsonNode messages = request.path("MessageConfiguration");
        boolean push = MessageContent.PUSH.containsKey(platform);
        String member = switch (platform) {
            case "EMAIL" -> "EmailMessage";
            case "SMS" -> "SMSMessage";
            case "VOICE" -> "VoiceMessage";
            default -> MessageContent.PUSH.getOrDefault(platform, "Default") + "Message";
        };
        for (JsonNode source : List.of(config, messages.path(member),
                push ? messages.path("DefaultPushNotificationMessage") : MissingNode.getInstance(),
                messages.path("DefaultMessage"))) {
            if (source.path("Substitutions").isObject()) {
                maps.add(source.get("Substitutions"));
            }
        }
        return maps;
    }

    /** The content of the request per platform, its templates read once. */
    private final class Contents {
        private final Tx tx;
        private final App app;
        private final JsonNode request;
        private final Map<String, MessageContent> byPlatform = new HashMap<>();

        Contents(Tx tx, App app, JsonNode request) throws SQLException {
            this.tx = tx;
            this.app = app;
            this.request = request;
            JsonNode configuration = request.path("TemplateConfiguration");
            for (Iterator<String> it = configuration.fieldNames(); it.hasNext(); ) {
                template(it.next());
            }
        }

        MessageContent of(String platform) throws SQLException {
            MessageContent content = byPlatform.get(platform);
            if (content == null) {
                content = MessageContent.direct(platform, request.path("MessageConfiguration"),
                        template(MessageContent.templateMember(platform)));
                byPlatform.put(platform, content);
            }
            return content;
        }

        private Optional<ObjectNode> template(String member) throws SQLException {
            return TemplateLookup.find(templates, tx, app, request.path("TemplateConfiguration"), member);
        }
    }
}
