// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.iam.Identities.AccessKey;
import dev.waymark.iam.Identities.Account;
import dev.waymark.iam.Identities.User;
import dev.waymark.core.CredentialLookup;
import dev.waymark.store.Store;
import java.time.Instant;
import java.util.Optional;

/**
 * Resolves access keys for SigV4: long-term keys from the store (cached for a second, so revocations by the
 * admin command line take effect at once in practice), temporary keys from their sealed session token.
 */
public final class CredentialResolver implements CredentialLookup {
    private final Store store;
    private final IdentityStore identities;
    private final SessionTokens tokens;
    private final TtlCache<String, Result> cache = new TtlCache<>(1_000);

    public CredentialResolver(Store store, IdentityStore identities, SessionTokens tokens) {
        this.store = store;
        this.identities = identities;
        this.tokens = tokens;
    }

    @Override
    public Result find(String accessKeyId, Optional<String> sessionToken, Instant now) {
        if (accessKeyId.startsWith("ASIA")) {
            return temporary(accessKeyId, sessionToken, now);
        }
        if (sessionToken.isPresent()) {
            return new InvalidToken();
        }
        return cache.get(accessKeyId, this::longTerm);
    }

    private Result temporary(String accessKeyId, Optional<String> sessionToken, Instant now) {
        if (sessionToken.isEmpty()) {
            return new UnknownKey();
        }
        Optional<Session> session = tokens.read(sessionToken.get());
        if (session.isEmpty() || !session.get().accessKeyId().equals(accessKeyId)) {
            return new InvalidToken();
        }
        if (!now.isBefore(session.get().expiration())) {
            return new ExpiredToken();
        }
        return new Found(session.get().secret(), session.get().principal());
    }

    private Result longTerm(String accessKeyId) {
        return store.read(tx -> {
            Optional<AccessKey> key = identities.accessKey(tx, accessKeyId);
            if (key.isEmpty() || !key.get().active()) {
                return new UnknownKey();
            }
            Optional<Account> account = identities.account(tx, key.get().accountId());
            if (account.isEmpty()) {
                return new UnknownKey();
            }
            if (key.get().ownerKind().equals("ROOT")) {
                return new Found(key.get().secret(), root(account.get(), accessKeyId));
            }
            Optional<User> user = identities.user(tx, account.get().id(), key.get().ownerName());
            return user.<Result>map(u -> new Found(key.get().secret(), user(u, accessKeyId))).orElseGet(UnknownKey::new);
        });
    }

    static Principal root(Account account, String accessKeyId) {
        return new Principal(IdentityType.ROOT, account.id(), account.id(), "arn:aws:iam::" + account.id() + ":root",
                accessKeyId, Optional.ofNullable(account.alias()), Optional.empty(),
                new PolicySubject(PolicySubject.Kind.ROOT, account.id(), ""), Optional.empty());
    }

    static Principal user(User user, String accessKeyId) {
        return new Principal(IdentityType.IAM_USER, user.accountId(), user.userId(), user.arn(), accessKeyId,
                Optional.of(user.name()), Optional.empty(),
                new PolicySubject(PolicySubject.Kind.USER, user.accountId(), user.name()), Optional.empty());
    }
}
