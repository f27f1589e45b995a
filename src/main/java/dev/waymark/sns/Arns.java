// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic and subscription ARNs: {@code arn:aws:sns:<region>:<account>:<name>} and
 * {@code arn:aws:sns:<region>:<account>:<name>:<uuid>}. Topic names are 1 to 256 of {@code [A-Za-z0-9_-]}.
 */
final class Arns {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Arns() {
    }

    /** The parts of a topic ARN. */
    record TopicArn(String region, String accountId, String name) {
        String arn() {
            return topic(region, accountId, name);
        }
    }

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String topic(String region, String accountId, String name) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + name;
    }

    /** The topic ARN's parts, when it is one. */
    static Optional<TopicArn> parseTopic(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !isSnsPrefix(parts) || !REGION.matcher(parts[3]).matches()
                || !ACCOUNT.matcher(parts[4]).matches() || !validName(parts[5])) {
            return Optional.empty();
        }
        return Optional.of(new TopicArn(parts[3], parts[4], parts[5]));
    }

    /** The topic of a subscription ARN, when it is one. */
    static Optional<TopicArn> topicOfSubscription(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        int last = arn.lastIndexOf(':');
        if (last < 0 || !SUBSCRIPTION_ID.matcher(arn.substring(last + 1)).matches()) {
            return Optional.empty();
        }
        return parseTopic(arn.substring(0, last));
    }

    private static boolean isSnsPrefix(String[] parts) {
        return parts[0].equals("arn") && parts[1].equals("aws") && parts[2].equals("sns");
    }
}
