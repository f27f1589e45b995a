// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.SecretBox;
import dev.waymark.core.SessionContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Session tokens that carry their session: the temporary key pair, its expiry and the principal, sealed with
 * AES-GCM under the master key. Nothing is stored per session, any node with the key can verify a token, and a
 * token cannot be forged or altered without the key. Thread-safe.
 */
public final class SessionTokens {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PREFIX = "WMK1";

    private final SecretBox box;

    public SessionTokens(SecretBox box) {
        this.box = box;
    }

    public String issue(Session session) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("k", session.accessKeyId()).put("s", session.secret()).put("x", session.expiration().toEpochMilli());
        Principal p = session.principal();
        json.put("t", p.type().name()).put("a", p.accountId()).put("pi", p.principalId()).put("arn", p.arn());
        p.userName().ifPresent(name -> json.put("u", name));
        json.put("pk", p.policySubject().kind().name()).put("pn", p.policySubject().name());
        p.sessionPolicy().ifPresent(policy -> json.put("sp", policy));
        SessionContext context = p.sessionContext().orElseThrow();
        json.put("c", context.creationDate().toEpochMilli()).put("m", context.mfaAuthenticated());
        context.sourceIdentity().ifPresent(source -> json.put("si", source));
        context.issuer().ifPresent(issuer -> json.putObject("i").put("type", issuer.type())
                .put("principalId", issuer.principalId()).put("arn", issuer.arn())
                .put("accountId", issuer.accountId()).put("userName", issuer.userName()));
        try {
            return PREFIX + Base64.getEncoder().encodeToString(box.seal(MAPPER.writeValueAsBytes(json)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a session token", e);
        }
    }

    /** The session a token carries, or empty when the token is malformed or was not sealed with this key. */
    public Optional<Session> read(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            JsonNode json = MAPPER.readTree(box.open(Base64.getDecoder().decode(token.substring(PREFIX.length()))));
            return Optional.of(session(json));
        } catch (GeneralSecurityException | IllegalArgumentException | IOException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Session session(JsonNode json) {
        Optional<SessionContext.SessionIssuer> issuer = json.has("i")
                ? Optional.of(new SessionContext.SessionIssuer(json.get("i").get("type").asText(),
                json.get("i").get("principalId").asText(), json.get("i").get("arn").asText(),
                json.get("i").get("accountId").asText(), json.get("i").get("userName").asText()))
                : Optional.empty();
        SessionContext context = new SessionContext(Instant.ofEpochMilli(json.get("c").asLong()),
                json.get("m").asBoolean(), issuer, text(json, "si"));
        Principal principal = new Principal(IdentityType.valueOf(json.get("t").asText()), json.get("a").asText(),
                json.get("pi").asText(), json.get("arn").asText(), json.get("k").asText(), text(json, "u"),
                Optional.of(context),
                new Principal.PolicySubject(Principal.PolicySubject.Kind.valueOf(json.get("pk").asText()),
                        json.get("a").asText(), json.get("pn").asText()),
                text(json, "sp"));
        return new Session(json.get("k").asText(), json.get("s").asText(), Instant.ofEpochMilli(json.get("x").asLong()),
                principal);
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(json.get(field).asText()) : Optional.empty();
    }
}
