// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import java.util.regex.Pattern;

/** The validation rules of trail names, bucket names, prefixes and KMS key ids (cloudtrail.md §7.2). */
final class TrailRules {
    private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KMS_KEY = Pattern.compile("(arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/[A-Za-z0-9-]+|alias/.+))"
            + "|alias/[A-Za-z0-9/_-]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-f]{32}");

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");

    private TrailRules() {
    }

    /** The topic a trail names by name (in its home region and account) or by ARN (cloudtrail.md §5). */
    static String topicArn(String nameOrArn, String region, String accountId) {
        if (TOPIC_ARN.matcher(nameOrArn).matches()) {
            return nameOrArn;
        }
        if (!TOPIC_NAME.matcher(nameOrArn).matches()) {
            throw TrailErrors.of("InvalidSnsTopicNameException", "SNS topic name " + nameOrArn + " is invalid: a topic "
                    + "name is 1 to 256 letters, digits, hyphens and underscores, or a topic ARN.");
        }
        return "arn:aws:sns:" + region + ":" + accountId + ":" + nameOrArn;
    }

    static void checkName(String name) {
        if (name.length() < 3) {
            throw invalidName("Trail name too short. Minimum allowed length: 3 characters. Specified name length: "
                    + name.length() + " characters.");
        }
        if (name.length() > 128) {
            throw invalidName("Trail name too long. Maximum allowed length: 128 characters. Specified name length: "
                    + name.length() + " characters.");
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || name.charAt(0) > 'z') {
            throw invalidName("Trail name must starts with a letter or number.");
        }
        if (!Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            throw invalidName("Trail name must ends with a letter or number.");
        }
        if (!NAME_CHARS.matcher(name).matches()) {
            throw invalidName("Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, "
                    + "periods (.), hyphens (-), and underscores (_).");
        }
        for (int i = 1; i < name.length(); i++) {
            if (".-_".indexOf(name.charAt(i)) >= 0 && ".-_".indexOf(name.charAt(i - 1)) >= 0) {
                throw invalidName("Trail name cannot contain consecutive special characters.");
            }
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            throw invalidName("Trail name cannot be formatted as an IP address.");
        }
    }

    static void checkBucketName(String bucket) {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw TrailErrors.of("InvalidS3BucketNameException", "Bucket name is not valid: " + bucket);
        }
    }

    static void checkPrefix(String prefix) {
        if (prefix.length() > 200 || prefix.equals("AWSLogs") || prefix.startsWith("AWSLogs/")) {
            throw TrailErrors.of("InvalidS3PrefixException", "Prefix is not valid: " + prefix);
        }
    }

    /** The full ARN of a key id given as a UUID, alias or ARN; InvalidKmsKeyIdException for anything else. */
    static String kmsKeyArn(String keyId, String region, String accountId) {
        if (!KMS_KEY.matcher(keyId).matches()) {
            throw TrailErrors.of("InvalidKmsKeyIdException", "KMS key ID is not valid: " + keyId);
        }
        return keyId.startsWith("arn:") ? keyId : "arn:aws:kms:" + region + ":" + accountId + ":" + (keyId.startsWith("alias/")
                ? keyId : "key/" + keyId);
    }

    private static RuntimeException invalidName(String message) {
        return TrailErrors.of("InvalidTrailNameException", message);
    }
}
