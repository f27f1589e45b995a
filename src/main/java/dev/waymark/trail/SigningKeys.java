// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.core.SecretBox;
import dev.waymark.store.Tx;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The RSA key pairs that sign digests, one current key per region, each valid for a rotation period (30 days as
 * in AWS). Public keys are kept as DER PKCS#1 {@code RSAPublicKey}, the form ListPublicKeys returns and the AWS CLI
 * loads; the fingerprint is the hex MD5 of those bytes (cloudtrail.md §4.4).
 */
final class SigningKeys {
    private final SecretBox secrets;
    private final Duration rotation;

    record Key(String fingerprint, String region, byte[] publicDer, long validFrom, long validTo, String privateSealed) {
    }

    SigningKeys(SecretBox secrets, Duration rotation) {
        this.secrets = secrets;
        this.rotation = rotation;
    }

    /** The key that signs in this region now, created when none is valid. */
    Key current(Tx tx, String region, long now) throws SQLException {
        Optional<Key> key = tx.queryOne("SELECT fingerprint, region, public_der, valid_from, valid_to, private_enc FROM "
                + "signing_key WHERE region = ? AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC LIMIT 1",
                SigningKeys::key, region, now, now);
        if (key.isPresent()) {
            return key.get();
        }
        Key created = generate(region, now);
        tx.update("INSERT INTO signing_key (fingerprint, region, public_der, private_enc, valid_from, valid_to) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", created.fingerprint(), region,
                Base64.getEncoder().encodeToString(created.publicDer()), created.privateSealed(), created.validFrom(),
                created.validTo());
        return created;
    }

    /** Keys of a region whose validity overlaps [start, end]. */
    static List<Key> overlapping(Tx tx, String region, long start, long end) throws SQLException {
        return tx.query("SELECT fingerprint, region, public_der, valid_from, valid_to, private_enc FROM signing_key "
                + "WHERE region = ? AND valid_from <= ? AND valid_to >= ? ORDER BY valid_from", SigningKeys::key,
                region, end, start);
    }

    /** Hex SHA256withRSA signature of the string, with the key's private half. */
    String sign(Key key, String text) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(secrets.openText(key.privateSealed()))));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a digest", e);
        }
    }

    private Key generate(String region, long now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            byte[] der = pkcs1((RSAPublicKey) pair.getPublic());
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(der));
            String sealed = secrets.sealText(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            return new Key(fingerprint, region, der, now, now + rotation.toMillis(), sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a signing key", e);
        }
    }

    /** DER of PKCS#1 RSAPublicKey: SEQUENCE { INTEGER modulus, INTEGER publicExponent }. */
    static byte[] pkcs1(RSAPublicKey key) {
        byte[] modulus = integer(key.getModulus());
        byte[] exponent = integer(key.getPublicExponent());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(modulus);
        body.writeBytes(exponent);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 128) {
            out.write(length);
        } else if (length < 256) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static Key key(java.sql.ResultSet rs) throws SQLException {
        return new Key(rs.getString(1), rs.getString(2), Base64.getDecoder().decode(rs.getString(3)), rs.getLong(4),
                rs.getLong(5), rs.getString(6));
    }
}
