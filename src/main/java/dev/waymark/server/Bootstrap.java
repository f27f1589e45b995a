// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.iam.Identities.AccessKey;
import dev.waymark.iam.IdentityStore;
import dev.waymark.iam.Ids;
import dev.waymark.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * First start: when the store has no account yet, creates the default account with a root access key and
 * writes it to {@code <data-dir>/credentials} in the AWS shared-credentials format under the profile
 * {@code waymark}. The secret is shown there once and is otherwise only kept encrypted in the store.
 */
public final class Bootstrap {
    static final String PROFILE = "waymark";

    private final Store store;
    private final IdentityStore identities;

    /** The default account's root key, when this start created it. */
    public record Credentials(String accountId, Optional<AccessKey> created, Path file) {
    }

    Bootstrap(Store store, IdentityStore identities) {
        this.store = store;
        this.identities = identities;
    }

    Credentials ensureDefaultAccount(ServerConfig config) {
        Path file = config.dataDir().resolve("credentials");
        return store.write(tx -> {
            var accounts = identities.accounts(tx);
            if (!accounts.isEmpty()) {
                return new Credentials(accounts.get(0).id(), Optional.empty(), file);
            }
            long now = System.currentTimeMillis();
            String accountId = Ids.accountId();
            identities.createAccount(tx, accountId, "default", now);
            AccessKey key = identities.createAccessKey(tx, accountId, "ROOT", "", now);
            writeCredentialsFile(file, key, config.defaultRegion());
            return new Credentials(accountId, Optional.of(key), file);
        });
    }

    static void writeCredentialsFile(Path file, AccessKey key, String region) {
        String text = "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + key.accessKeyId() + "\n"
                + "aws_secret_access_key = " + key.secret() + "\n"
                + "region = " + region + "\n";
        try {
            Files.writeString(file, text);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
