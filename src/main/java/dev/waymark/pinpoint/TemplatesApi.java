// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.OperationHandler;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Message templates of the caller's account and region: Create, Get, Update and Delete for each {@link TemplateKind}
 * (one generic path driven by that table), ListTemplates, ListTemplateVersions and UpdateTemplateActiveVersion.
 *
 * <p>A template starts with version 1, which is active. An update overwrites the latest version, or adds a new one
 * (the highest number given so far plus one) with {@code create-new-version=true}; a {@code version} given to an
 * update must name the latest version. The active version changes only through UpdateTemplateActiveVersion
 * ({@code latest} or a version number). Delete with {@code version} deletes that version, which may not be the
 * active one; without it, the whole template and its tags. Updates replace the content members; tags are taken at
 * creation only and live on the template's ARN.
 */
final class TemplatesApi {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final List<String> SUMMARY = List.of("Arn", "CreationDate", "DefaultSubstitutions",
            "LastModifiedDate", "TemplateDescription", "TemplateName", "TemplateType", "Version");
    private static final List<String> VERSION_SUMMARY = List.of("CreationDate", "DefaultSubstitutions",
            "LastModifiedDate", "TemplateDescription", "TemplateName", "TemplateType", "Version");

    private final TemplateRepository templates;
    private final TagRepository tags;

    private TemplatesApi(TemplateRepository templates, TagRepository tags) {
        this.templates = templates;
        this.tags = tags;
    }

    /** The handlers of the 23 template operations, by operation name. */
    static Map<String, OperationHandler> handlers(TemplateRepository templates) {
        TemplatesApi api = new TemplatesApi(templates, new TagRepository());
        Map<String, OperationHandler> handlers = new HashMap<>();
        for (TemplateKind kind : TemplateKind.ALL) {
            String word = kind.operationWord();
            handlers.put("Create" + word + "Template", (inv, tx) -> api.create(kind, inv, tx));
            handlers.put("Get" + word + "Template", (inv, tx) -> api.get(kind, inv, tx));
            handlers.put("Update" + word + "Template", (inv, tx) -> api.update(kind, inv, tx));
            handlers.put("Delete" + word + "Template", (inv, tx) -> api.delete(kind, inv, tx));
        }
        handlers.put("ListTemplates", api::listTemplates);
        handlers.put("ListTemplateVersions", api::listTemplateVersions);
        handlers.put("UpdateTemplateActiveVersion", api::updateTemplateActiveVersion);
        return Map.copyOf(handlers);
    }

    private ObjectNode create(TemplateKind kind, Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("TemplateName").asText("");
        if (!NAME.matcher(name).matches()) {
            throw PinpointErrors.badRequest("Invalid template name: a name starts with a letter or digit and has at most "
                    + "128 letters, digits, hyphens (-) and underscores (_)");
        }
        JsonNode request = checkedRequest(kind, inv);
        Map<String, String> tagMap = TagsApi.validTags(request.path("tags"));
        TemplateRepository.Key key = key(kind, inv);
        if (templates.versions(tx, key).isPresent()) {
            throw PinpointErrors.badRequest("Template already exists");
        }
        String now = Timestamps.iso(inv.time());
        ObjectNode document = document(kind, key, inv, request, 1, now);
        templates.insert(tx, key, document);
        tags.put(tx, document.get("Arn").asText(), tagMap);
        ObjectNode body = AppsApi.MAPPER.createObjectNode();
        body.put("Arn", document.get("Arn").asText()).put("Message", "Created").put("RequestID", inv.requestId());
        return AppsApi.wrap(kind.createdMember(), body);
    }

    private ObjectNode get(TemplateKind kind, Invocation inv, Tx tx) throws SQLException {
        TemplateRepository.Key key = key(kind, inv);
        Optional<String> version = version(inv).map(String::valueOf);
        ObjectNode document = templates.find(tx, key.accountId(), key.region(), key.name(), key.templateType(), version)
                .orElseThrow(() -> PinpointErrors.notFound(version.isPresent() ? "Template version not found" : "Template not found"));
        document.set("tags", tags.tags(tx, document.get("Arn").asText()));
        return AppsApi.wrap(kind.responseMember(), document);
    }

    private ObjectNode update(TemplateKind kind, Invocation inv, Tx tx) throws SQLException {
        TemplateRepository.Key key = key(kind, inv);
        JsonNode request = checkedRequest(kind, inv);
        TemplateRepository.Versions versions = require(tx, key);
        boolean newVersion = inv.input().path("CreateNewVersion").asBoolean(false);
        Optional<Integer> version = version(inv);
        if (newVersion && version.isPresent()) {
            throw PinpointErrors.badRequest("Specify either version or create-new-version, not both");
        }
        if (version.isPresent() && version.get() != versions.latest()) {
            throw PinpointErrors.badRequest("Version must be the latest version of the template: " + versions.latest());
        }
        String created = templates.findVersion(tx, key, versions.latest()).orElseThrow().path("CreationDate").asText();
        int number = newVersion ? versions.last() + 1 : versions.latest();
        templates.save(tx, key, document(kind, key, inv, request, number, created));
        return accepted(inv);
    }

    private ObjectNode delete(TemplateKind kind, Invocation inv, Tx tx) throws SQLException {
        TemplateRepository.Key key = key(kind, inv);
        TemplateRepository.Versions versions = require(tx, key);
        Optional<Integer> version = version(inv);
        if (version.isEmpty()) {
            templates.delete(tx, key);
            tags.removeAll(tx, kind.arn(key.region(), key.accountId(), key.name()));
            return accepted(inv);
        }
        if (templates.findVersion(tx, key, version.get()).isEmpty()) {
            throw PinpointErrors.notFound("Template version not found");
        }
        if (version.get() == versions.active()) {
            throw PinpointErrors.badRequest("The active version of a template can't be deleted; make another version "
                    + "active or delete the template");
        }
        templates.deleteVersion(tx, key, version.get());
        return accepted(inv);
    }

    private ObjectNode updateTemplateActiveVersion(Invocation inv, Tx tx) throws SQLException {
        TemplateKind kind = TemplateKind.requireType(inv.input().path("TemplateType").asText());
        TemplateRepository.Key key = key(kind, inv);
        TemplateRepository.Versions versions = require(tx, key);
        String text = inv.input().path("TemplateActiveVersionRequest").path("Version").asText("");
        if (text.isBlank()) {
            throw PinpointErrors.badRequest("Missing required field: Version");
        }
        int version = text.equals("latest") ? versions.latest() : number(text);
        if (templates.findVersion(tx, key, version).isEmpty()) {
            throw PinpointErrors.notFound("Template version not found");
        }
        templates.activate(tx, key, version);
        return accepted(inv);
    }

    private ObjectNode listTemplates(Invocation inv, Tx tx) throws SQLException {
        int size = AppsApi.pageSize(inv.input().path("PageSize").asText(""));
        long after = Pages.position(inv, "NextToken", "templates", 0);
        Optional<String> type = Optional.of(inv.input().path("TemplateType").asText(""))
                .filter(text -> !text.isEmpty()).map(text -> TemplateKind.requireType(text).type());
        List<Pages.Entry> entries = templates.page(tx, inv.accountId(), inv.region(),
                inv.input().path("Prefix").asText(""), type, after, size + 1);
        List<Pages.Entry> shown = entries.subList(0, Math.min(size, entries.size()));
        Map<String, ObjectNode> tagsByArn = tags.tags(tx, shown.stream().map(e -> e.document().get("Arn").asText()).toList());
        ObjectNode response = Pages.page(entries, size, "templates", document -> {
            ObjectNode item = pick(document, SUMMARY);
            item.set("tags", tagsByArn.get(document.get("Arn").asText()));
            return item;
        });
        return AppsApi.wrap("TemplatesResponse", response);
    }

    private ObjectNode listTemplateVersions(Invocation inv, Tx tx) throws SQLException {
        TemplateKind kind = TemplateKind.requireType(inv.input().path("TemplateType").asText());
        TemplateRepository.Key key = key(kind, inv);
        require(tx, key);
        int size = AppsApi.pageSize(inv.input().path("PageSize").asText(""));
        long after = Pages.position(inv, "NextToken", "versions", 0);
        ObjectNode response = Pages.page(templates.versionPage(tx, key, after, size + 1), size, "versions",
                document -> pick(document, VERSION_SUMMARY));
        response.put("RequestID", inv.requestId());
        return AppsApi.wrap("TemplateVersionsResponse", response);
    }

    private TemplateRepository.Versions require(Tx tx, TemplateRepository.Key key) throws SQLException {
        return templates.versions(tx, key).orElseThrow(() -> PinpointErrors.notFound("Template not found"));
    }

    private static TemplateRepository.Key key(TemplateKind kind, Invocation inv) {
        return new TemplateRepository.Key(inv.accountId(), inv.region(), kind.type(), inv.input().path("TemplateName").asText());
    }

    /** The request payload of the kind, checked for its required content and its DefaultSubstitutions. */
    private static JsonNode checkedRequest(TemplateKind kind, Invocation inv) {
        JsonNode request = inv.input().path(kind.requestMember());
        kind.missingContent(request).ifPresent(group -> {
            throw PinpointErrors.badRequest(group.size() == 1 ? "Missing required field: " + group.get(0)
                    : "The template needs at least one of " + String.join(", ", group));
        });
        JsonNode substitutions = request.path("DefaultSubstitutions");
        if (!substitutions.isMissingNode() && !substitutions.isNull() && !isJsonObject(substitutions.asText())) {
            throw PinpointErrors.badRequest("DefaultSubstitutions must be a JSON object");
        }
        return request;
    }

    private static boolean isJsonObject(String text) {
        try {
            return AppsApi.MAPPER.readTree(text) instanceof ObjectNode;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static ObjectNode document(TemplateKind kind, TemplateRepository.Key key, Invocation inv, JsonNode request,
                                       int version, String created) {
        ObjectNode document = AppsApi.MAPPER.createObjectNode();
        document.put("Arn", kind.arn(key.region(), key.accountId(), key.name())).put("CreationDate", created)
                .put("LastModifiedDate", Timestamps.iso(inv.time())).put("TemplateName", key.name())
                .put("TemplateType", kind.type()).put("Version", String.valueOf(version));
        for (String member : kind.contentMembers()) {
            if (request.has(member) && !request.get(member).isNull()) {
                document.set(member, request.get(member).deepCopy());
            }
        }
        return document;
    }

    private static ObjectNode pick(ObjectNode document, List<String> members) {
        ObjectNode item = AppsApi.MAPPER.createObjectNode();
        members.stream().filter(document::has).forEach(member -> item.set(member, document.get(member)));
        return item;
    }

    private static Optional<Integer> version(Invocation inv) {
        String text = inv.input().path("Version").asText("");
        return text.isEmpty() ? Optional.empty() : Optional.of(number(text));
    }

    private static int number(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version < 1) {
                throw new NumberFormatException(text);
            }
            return version;
        } catch (NumberFormatException e) {
            throw PinpointErrors.badRequest("Invalid version: " + text);
        }
    }

    private static ObjectNode accepted(Invocation inv) {
        ObjectNode body = AppsApi.MAPPER.createObjectNode();
        body.put("Message", "Accepted").put("RequestID", inv.requestId());
        return AppsApi.wrap("MessageBody", body);
    }
}
