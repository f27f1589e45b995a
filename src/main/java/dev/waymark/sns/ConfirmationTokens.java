// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.core.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Token of a SubscriptionConfirmation: the subscription ARN and an expiry, sealed with the master key
 * (AES-256-GCM) and hex-encoded, so it cannot be forged or altered and nothing secret is stored. It is the credential
 * of the unsigned ConfirmSubscription a subscriber makes by visiting the SubscribeURL.
 */
final class ConfirmationTokens {
    /** How long a token confirms its subscription. */
    static final Duration VALIDITY = Duration.ofDays(3);
    private static final String PURPOSE = "sns-subscription-confirmation";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretBox secrets;

    ConfirmationTokens(SecretBox secrets) {
        this.secrets = secrets;
    }

    String issue(String subscriptionArn, long nowMillis) {
        String plain = PURPOSE + "\n" + subscriptionArn + "\n" + (nowMillis + VALIDITY.toMillis());
        return HEX.formatHex(secrets.seal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** The subscription the token confirms, when it was issued here and has not expired. */
    Optional<String> subscriptionArn(String token, long nowMillis) {
        try {
            String[] parts = new String(secrets.open(HEX.parseHex(token)), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3 || !parts[0].equals(PURPOSE) || Long.parseLong(parts[2]) < nowMillis) {
                return Optional.empty();
            }
            return Optional.of(parts[1]);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
