// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One kind of Pinpoint channel, as the table {@link #ALL} that drives every channel operation describes it.
 *
 * @param platform       the channel's Platform and its key in GetChannels ({@code EMAIL}, {@code APNS_VOIP}, ...)
 * @param operation      the operations' infix: {@code Email} of GetEmailChannel
 * @param shape          the model shapes' prefix: {@code APNSVoip} of APNSVoipChannelRequest
 * @param publicMembers  request members the response returns (besides Enabled)
 * @param secretMembers  request members kept sealed and never returned
 * @param required       alternatives of members one of which the channel must hold in full (none: no requirement)
 * @param defaults       response members a new channel starts with
 * @param rule           what the kind derives and checks once the request is merged in
 */
record ChannelKind(String platform, String operation, String shape, Set<String> publicMembers, Set<String> secretMembers,
                   List<List<String>> required, Map<String, Integer> defaults, Rule rule) {

    /** A kind's own derivation of response members (and checks) from the merged channel. */
    @FunctionalInterface
    interface Rule {
        void apply(ObjectNode document, ObjectNode secrets);
    }

    private static final Set<String> APNS_SECRETS = Set.of("BundleId", "Certificate", "PrivateKey", "TeamId", "TokenKey", "TokenKeyId");
    private static final List<String> APNS_CERTIFICATE = List.of("Certificate", "PrivateKey");
    private static final List<String> APNS_TOKEN = List.of("TokenKey", "TokenKeyId", "TeamId", "BundleId");
    private static final Rule NONE = (document, secrets) -> { };

    static final List<ChannelKind> ALL = List.of(
            new ChannelKind("EMAIL", "Email", "Email",
                    Set.of("ConfigurationSet", "FromAddress", "Identity", "RoleArn", "OrchestrationSendingRoleArn"), Set.of(),
                    List.of(List.of("FromAddress", "Identity")), Map.of("MessagesPerSecond", 1), NONE),
            new ChannelKind("SMS", "Sms", "SMS", Set.of("SenderId", "ShortCode"), Set.of(), List.of(),
                    Map.of("PromotionalMessagesPerSecond", 20, "TransactionalMessagesPerSecond", 20), NONE),
            new ChannelKind("VOICE", "Voice", "Voice", Set.of(), Set.of(), List.of(), Map.of(), NONE),
            apns("APNS", "Apns", "APNS"),
            apns("APNS_SANDBOX", "ApnsSandbox", "APNSSandbox"),
            apns("APNS_VOIP", "ApnsVoip", "APNSVoip"),
            apns("APNS_VOIP_SANDBOX", "ApnsVoipSandbox", "APNSVoipSandbox"),
            new ChannelKind("GCM", "Gcm", "GCM", Set.of("DefaultAuthenticationMethod"), Set.of("ApiKey", "ServiceJson"),
                    List.of(List.of("ApiKey"), List.of("ServiceJson")), Map.of(), ChannelKind::gcm),
            new ChannelKind("BAIDU", "Baidu", "Baidu", Set.of(), Set.of("ApiKey", "SecretKey"),
                    List.of(List.of("ApiKey", "SecretKey")), Map.of(), NONE),
            new ChannelKind("ADM", "Adm", "ADM", Set.of(), Set.of("ClientId", "ClientSecret"),
                    List.of(List.of("ClientId", "ClientSecret")), Map.of(), NONE));

    private static ChannelKind apns(String platform, String operation, String shape) {
        return new ChannelKind(platform, operation, shape, Set.of("DefaultAuthenticationMethod"), APNS_SECRETS,
                List.of(APNS_CERTIFICATE, APNS_TOKEN), Map.of(), ChannelKind::apns);
    }

    /** The deprecated Id Pinpoint still returns: the channel's path segment ({@code email}, {@code apns_voip}). */
    String id() {
        return platform.toLowerCase(Locale.ROOT);
    }

    String requestMember() {
        return shape + "ChannelRequest";
    }

    String responseMember() {
        return shape + "ChannelResponse";
    }

    /** Whether the request member is one the channel takes, and where it goes. */
    boolean takes(String member) {
        return member.equals("Enabled") || publicMembers.contains(member) || secretMembers.contains(member);
    }

    /** APNs: the default authentication method must be one whose credentials the channel holds. */
    private static void apns(ObjectNode document, ObjectNode secrets) {
        boolean token = holds(secrets, APNS_TOKEN);
        String fallback = token && !holds(secrets, APNS_CERTIFICATE) ? "TOKEN" : "CERTIFICATE";
        String method = method(document, fallback, Map.of("CERTIFICATE", APNS_CERTIFICATE, "TOKEN", APNS_TOKEN), secrets);
        document.put("DefaultAuthenticationMethod", method).put("HasTokenKey", token);
    }

    /** GCM (FCM): KEY authenticates with ApiKey, TOKEN with ServiceJson. */
    private static void gcm(ObjectNode document, ObjectNode secrets) {
        String fallback = holds(secrets, List.of("ApiKey")) ? "KEY" : "TOKEN";
        String method = method(document, fallback, Map.of("KEY", List.of("ApiKey"), "TOKEN", List.of("ServiceJson")), secrets);
        document.put("DefaultAuthenticationMethod", method).put("HasFcmServiceCredentials", holds(secrets, List.of("ServiceJson")));
    }

    private static String method(ObjectNode document, String fallback, Map<String, List<String>> needs, ObjectNode secrets) {
        String method = document.path("DefaultAuthenticationMethod").asText(fallback).toUpperCase(Locale.ROOT);
        if (!needs.containsKey(method)) {
            throw PinpointErrors.badRequest("DefaultAuthenticationMethod must be one of "
                    + String.join(", ", needs.keySet().stream().sorted().toList()));
        }
        if (!holds(secrets, needs.get(method))) {
            throw PinpointErrors.badRequest("DefaultAuthenticationMethod " + method + " needs "
                    + String.join(" and ", needs.get(method)));
        }
        return method;
    }

    /** Whether the node holds every one of the members, none of them blank. */
    static boolean holds(JsonNode node, List<String> members) {
        return members.stream().allMatch(member -> !node.path(member).asText("").isBlank());
    }
}
