// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.core.Hashes;
import dev.waymark.core.SecretBox;
import dev.waymark.store.Store;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RSA key messages are signed with and its self-signed X.509 certificate, which subscribers fetch from the
 * SigningCertURL ({@code <waymark>/SimpleNotificationService-<id>.pem}). Made on first use and kept in the store
 * (the private key sealed with the master key), so every node of a shared store signs with a key whose certificate
 * any node serves. Thread-safe.
 */
final class SigningKeys {
    static final String CERTIFICATE_PREFIX = "/SimpleNotificationService-";
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signing key: its id (in the certificate's file name), private key and DER certificate. */
    record Key(String id, PrivateKey privateKey, byte[] certificate) {
    }

    private final Store store;
    private final SecretBox secrets;
    private final Clock clock;
    private final Map<String, byte[]> certificates = new ConcurrentHashMap<>();
    private volatile Key current;

    SigningKeys(Store store, SecretBox secrets, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The key to sign with: the newest stored one, made and stored when there is none. */
    Key current() {
        Key key = current;
        if (key == null) {
            synchronized (this) {
                key = current;
                if (key == null) {
                    key = store.write(tx -> {
                        Optional<String[]> stored = tx.queryOne("SELECT id, certificate, private_enc FROM sns_signing_key "
                                + "ORDER BY created_at DESC, id LIMIT 1",
                                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                        if (stored.isPresent()) {
                            return key(stored.get());
                        }
                        Key made = make(clock.instant());
                        tx.update("INSERT INTO sns_signing_key (id, certificate, private_enc, created_at) VALUES (?, ?, ?, ?)",
                                made.id(), Base64.getEncoder().encodeToString(made.certificate()),
                                secrets.sealText(Base64.getEncoder().encodeToString(made.privateKey().getEncoded())),
                                clock.millis());
                        return made;
                    });
                    current = key;
                }
            }
        }
        return key;
    }

    /** The PEM certificate with this id, if there is one. */
    Optional<byte[]> certificatePem(String id) {
        byte[] cached = certificates.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> der = store.read(tx -> tx.queryOne("SELECT certificate FROM sns_signing_key WHERE id = ?",
                rs -> rs.getString(1), id));
        der.ifPresent(d -> certificates.put(id, pem(Base64.getDecoder().decode(d))));
        return Optional.ofNullable(certificates.get(id));
    }

    static byte[] pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private Key key(String[] row) throws GeneralSecurityException {
        byte[] pkcs8 = Base64.getDecoder().decode(secrets.openText(row[2]));
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new Key(row[0], privateKey, Base64.getDecoder().decode(row[1]));
    }

    /** A fresh 2048-bit RSA key and its self-signed certificate (SHA256withRSA, ten years). */
    static Key make(Instant now) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        KeyPair pair = generator.generateKeyPair();
        byte[] algorithm = Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.nullValue());
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8("Waymark"))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("Waymark SNS message signing"))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(64, RANDOM).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(Der.time(now.minusSeconds(60)), Der.time(now.plus(CERTIFICATE_VALIDITY))),
                name,
                pair.getPublic().getEncoded());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
        return new Key(Hashes.sha256Hex(certificate).substring(0, 32), pair.getPrivate(), certificate);
    }
}
