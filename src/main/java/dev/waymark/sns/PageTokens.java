// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The NextToken of SNS's list operations: the last ARN of the previous page, base64url-encoded. A token names no
 * more than a position; listings are filtered by the caller's account and region whatever it says.
 */
final class PageTokens {
    /** SNS's page size for ListTopics, ListSubscriptions and ListSubscriptionsByTopic. */
    static final int PAGE = 100;

    private PageTokens() {
    }

    static String next(String lastArn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastArn.getBytes(StandardCharsets.UTF_8));
    }

    /** The ARN to list after: empty for no token; InvalidParameter for a token not made here. */
    static String after(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            String arn = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!arn.startsWith("arn:aws:sns:")) {
                throw SnsErrors.invalid("NextToken");
            }
            return arn;
        } catch (IllegalArgumentException e) {
            throw SnsErrors.invalid("NextToken");
        }
    }
}
