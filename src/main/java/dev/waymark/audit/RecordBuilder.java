// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import dev.waymark.core.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.SessionContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Builds the CloudTrail record of a call, field by field in the order CloudTrail writes them (cloudtrail.md §2.2),
 * with the size limits of §2.6: userAgent, errorCode, errorMessage cut to 1 KB; requestParameters and
 * responseElements over 100 KB replaced by {@code {"omitted": true}}.
 */
public final class RecordBuilder {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ONE_KB = 1024;
    private static final int HUNDRED_KB = 100 * 1024;

    private final String eventVersion;
    private final Masking masking;

    public RecordBuilder(String eventVersion, Masking masking) {
        this.eventVersion = eventVersion;
        this.masking = masking;
    }

    public ObjectNode build(CallFacts call) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("eventVersion", eventVersion);
        record.set("userIdentity", userIdentity(call.principal()));
        record.put("eventTime", call.eventTime().truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("eventSource", call.service().eventSource());
        record.put("eventName", call.operation().eventName());
        record.put("awsRegion", call.region());
        record.put("sourceIPAddress", call.sourceIp());
        call.userAgent().ifPresent(agent -> record.put("userAgent", cut(agent)));
        call.error().ifPresent(error -> {
            record.put("errorCode", cut(error.code()));
            record.put("errorMessage", cut(error.getMessage() == null ? "" : error.getMessage()));
        });
        String service = call.service().id();
        record.set("requestParameters", call.requestParameters());
        boolean hasResponse = call.error().isEmpty() && !call.operation().readOnly();
        record.set("responseElements", limited(hasResponse ? call.responseElements()
                .filter(r -> !r.isEmpty()).map(r -> masking.apply(service, r)).orElse(null) : null));
        record.put("requestID", cut(call.requestId()));
        record.put("eventID", Uuids.timeOrdered(call.eventTime().toEpochMilli()).toString());
        record.put("readOnly", call.operation().readOnly());
        if (!call.resources().isEmpty()) {
            var resources = record.putArray("resources");
            call.resources().forEach(r -> resources.addObject().put("accountId", r.accountId()).put("type", r.type()).put("ARN", r.arn()));
        }
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", call.operation().management());
        record.put("recipientAccountId", call.principal().accountId());
        record.put("eventCategory", call.operation().management() ? "Management" : "Data");
        call.tls().ifPresent(tls -> record.putObject("tlsDetails").put("tlsVersion", tls.tlsVersion())
                .put("cipherSuite", tls.cipherSuite()).put("clientProvidedHostHeader", tls.clientProvidedHostHeader()));
        return record;
    }

    static ObjectNode userIdentity(Principal p) {
        ObjectNode identity = MAPPER.createObjectNode();
        identity.put("type", p.type().cloudTrailName());
        identity.put("principalId", p.principalId());
        if (p.isAnonymous()) {
            return identity;
        }
        identity.put("arn", p.arn());
        identity.put("accountId", p.accountId());
        identity.put("accessKeyId", p.accessKeyId());
        if (p.type() == IdentityType.IAM_USER || p.type() == IdentityType.ROOT) {
            p.userName().ifPresent(name -> identity.put("userName", name));
        }
        p.sessionContext().ifPresent(context -> identity.set("sessionContext", sessionContext(context)));
        return identity;
    }

    private static ObjectNode sessionContext(SessionContext context) {
        ObjectNode node = MAPPER.createObjectNode();
        context.issuer().ifPresent(issuer -> {
            node.putObject("sessionIssuer").put("type", issuer.type()).put("principalId", issuer.principalId())
                    .put("arn", issuer.arn()).put("accountId", issuer.accountId()).put("userName", issuer.userName());
            node.putObject("webIdFederationData");
        });
        node.putObject("attributes")
                .put("creationDate", context.creationDate().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("mfaAuthenticated", Boolean.toString(context.mfaAuthenticated()));
        context.sourceIdentity().ifPresent(source -> node.put("sourceIdentity", source));
        return node;
    }

    /**
     * The request parameters as the record shows them: masked, omitted past 100 KB, a null node when there are
     * none. The pipeline prepares them before the call's transaction, so that the store's writer does not mask them.
     */
    public JsonNode requestParameters(String service, Optional<ObjectNode> parameters) {
        return limited(parameters.filter(p -> !p.isEmpty()).map(p -> masking.apply(service, p)).orElse(null));
    }

    private static JsonNode limited(JsonNode value) {
        if (value == null) {
            return MAPPER.nullNode();
        }
        if (value.toString().getBytes(StandardCharsets.UTF_8).length > HUNDRED_KB) {
            return MAPPER.createObjectNode().put("omitted", true);
        }
        return value;
    }

    /** Cuts text to 1 KB of UTF-8 without splitting a character. */
    static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= ONE_KB) {
            return text;
        }
        int end = ONE_KB;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** The time CloudTrail shows, to the second. */
    public static Instant eventTime(Instant completed) {
        return completed.truncatedTo(ChronoUnit.SECONDS);
    }
}
