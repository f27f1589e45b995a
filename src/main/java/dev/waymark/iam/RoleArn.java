// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import java.util.Optional;

/** An IAM role's ARN read apart: {@code arn:aws:iam::<account>:role/<path/><name>}. */
record RoleArn(String accountId, String name) {
    /** The account and name of a role ARN; empty for anything else. */
    static Optional<RoleArn> parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
            return Optional.empty();
        }
        return Optional.of(new RoleArn(parts[4], parts[5].substring(parts[5].lastIndexOf('/') + 1)));
    }
}
