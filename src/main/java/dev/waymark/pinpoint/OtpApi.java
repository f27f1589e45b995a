// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Hashes;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * SendOTPMessage and VerifyOTPMessage. A code of CodeLength random digits goes out as an SMS through the
 * application's SMS channel ("This is your One Time Password: {code} from {brand}", Pinpoint's message), like a
 * SendMessages SMS: the outbox or webhook of the channel package, in the call's transaction, with the same
 * MessageResult. Only a salted hash of the code is stored, per application, ReferenceId and DestinationIdentity; a
 * new code for the same pair replaces the old one. VerifyOTPMessage answers Valid true once for the right code
 * before it expires, then forgets it; each wrong code uses up one of AllowedAttempts, and a code out of attempts or
 * past its ValidityPeriod is never valid.
 */
final class OtpApi {
    static final int DEFAULT_CODE_LENGTH = 6;
    static final int DEFAULT_ATTEMPTS = 3;
    static final int DEFAULT_VALIDITY_MINUTES = 15;
    private static final int MAX_BRAND = 20;
    private static final int MAX_REFERENCE = 48;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppsApi appsApi;
    private final MessageSender sender;

    OtpApi(AppsApi appsApi, MessageSender sender) {
        this.appsApi = appsApi;
        this.sender = sender;
    }

    ObjectNode sendOtpMessage(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode in = inv.input().path("SendOTPMessageRequestParameters");
        String brand = Members.required(in, "BrandName");
        String destination = Members.required(in, "DestinationIdentity");
        String reference = Members.required(in, "ReferenceId");
        Members.required(in, "OriginationIdentity");
        if (!"SMS".equals(Members.required(in, "Channel"))) {
            throw PinpointErrors.badRequest("Channel must be SMS");
        }
        Members.atMost(brand, MAX_BRAND, "BrandName");
        Members.atMost(reference, MAX_REFERENCE, "ReferenceId");
        int length = Members.integer(in, "CodeLength", DEFAULT_CODE_LENGTH, 5, 8);
        int attempts = Members.integer(in, "AllowedAttempts", DEFAULT_ATTEMPTS, 1, 5);
        int validity = Members.integer(in, "ValidityPeriod", DEFAULT_VALIDITY_MINUTES, 5, 60);
        String code = code(length);
        long now = inv.time().toEpochMilli();
        ObjectNode sms = AppsApi.MAPPER.createObjectNode();
        sms.putObject("SMSMessage").put("Body", "This is your One Time Password: " + code + " from " + brand)
                .put("MessageType", "TRANSACTIONAL").put("OriginationNumber", in.path("OriginationIdentity").asText());
        MessageSender.Recipient recipient = new MessageSender.Recipient("SMS", destination, Optional.empty(), List.of());
        ObjectNode result = sender.batch(tx, app).send(recipient, MessageContent.direct("SMS", sms, Optional.empty()),
                null, now);
        if ("SUCCESSFUL".equals(result.path("DeliveryStatus").asText())) {
            String salt = HexFormat.of().formatHex(bytes(16));
            tx.update("INSERT INTO pinpoint_otp (account_id, region, app_id, reference_id, destination, salt, code_hash, "
                            + "expires_at, attempts_left) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, "
                            + "app_id, reference_id, destination) DO UPDATE SET salt = excluded.salt, code_hash = excluded.code_hash, "
                            + "expires_at = excluded.expires_at, attempts_left = excluded.attempts_left",
                    app.accountId(), app.region(), app.id(), reference, destination, salt, hash(salt, code),
                    now + validity * 60_000L, attempts);
        }
        ObjectNode response = AppsApi.MAPPER.createObjectNode().put("ApplicationId", app.id()).put("RequestId", inv.requestId());
        response.putObject("Result").set(destination, result);
        return AppsApi.wrap("MessageResponse", response);
    }

    ObjectNode verifyOtpMessage(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode in = inv.input().path("VerifyOTPMessageRequestParameters");
        String destination = Members.required(in, "DestinationIdentity");
        String reference = Members.required(in, "ReferenceId");
        String otp = Members.required(in, "Otp");
        Object[] key = {app.accountId(), app.region(), app.id(), reference, destination};
        String where = " WHERE account_id = ? AND region = ? AND app_id = ? AND reference_id = ? AND destination = ?";
        Optional<Stored> stored = tx.queryOne("SELECT salt, code_hash, expires_at, attempts_left FROM pinpoint_otp" + where,
                rs -> new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4)), key);
        boolean valid = false;
        if (stored.isPresent() && stored.get().attemptsLeft() > 0 && inv.time().toEpochMilli() < stored.get().expiresAt()) {
            valid = MessageDigest.isEqual(hash(stored.get().salt(), otp).getBytes(StandardCharsets.US_ASCII),
                    stored.get().hash().getBytes(StandardCharsets.US_ASCII));
            tx.update(valid ? "DELETE FROM pinpoint_otp" + where
                    : "UPDATE pinpoint_otp SET attempts_left = attempts_left - 1" + where, key);
        }
        ObjectNode response = AppsApi.MAPPER.createObjectNode().put("Valid", valid);
        return AppsApi.wrap("VerificationResponse", response);
    }

    private record Stored(String salt, String hash, long expiresAt, int attemptsLeft) {
    }

    private static String code(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String hash(String salt, String code) {
        return Hashes.sha256Hex(salt + ":" + code);
    }
}
