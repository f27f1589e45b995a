// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import static java.util.Objects.requireNonNull;

/** The stored identity records. */
public final class Identities {
    private Identities() {
    }

    public record Account(String id, String name, String alias) {
        public Account {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
        }
    }

    public record User(String accountId, String name, String userId, String path) {
        public String arn() {
            return "arn:aws:iam::" + accountId + ":user" + path + name;
        }
    }

    public record Role(String accountId, String name, String roleId, String path, String trustPolicy,
                       long maxSessionSeconds) {
        public String arn() {
            return "arn:aws:iam::" + accountId + ":role" + path + name;
        }
    }

    /** ownerKind is ROOT (ownerName empty) or USER. */
    public record AccessKey(String accessKeyId, String accountId, String ownerKind, String ownerName, String secret,
                            String status) {
        public boolean active() {
            return status.equals("Active");
        }
    }
}
