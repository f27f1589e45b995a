// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import java.security.SecureRandom;

/** Identifiers in AWS's forms: 12-digit accounts, AKIA/ASIA access keys, AIDA/AROA unique ids, 40-char secrets. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Ids() {
    }

    public static String accountId() {
        StringBuilder id = new StringBuilder(12);
        id.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 12; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    public static String accessKeyId() {
        return "AKIA" + random(UPPER_ALNUM, 16);
    }

    public static String temporaryAccessKeyId() {
        return "ASIA" + random(UPPER_ALNUM, 16);
    }

    public static String userId() {
        return "AIDA" + random(UPPER_ALNUM, 17);
    }

    public static String roleId() {
        return "AROA" + random(UPPER_ALNUM, 17);
    }

    public static String secret() {
        return random(SECRET_CHARS, 40);
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** An organization id as AWS Organizations makes them: {@code o-} and ten lower-case letters and digits. */
    public static String organizationId() {
        return "o-" + random("abcdefghijklmnopqrstuvwxyz0123456789", 10);
    }

    public static boolean isOrganizationId(String text) {
        return text != null && text.matches("o-[a-z0-9]{10,32}");
    }

    public static boolean isAccountId(String text) {
        return text != null && text.matches("\\d{12}");
    }
}
