// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Hashes;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Buckets: CreateBucket, DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation. */
final class BucketsApi {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String US_EAST_1 = "us-east-1";
    private static final int MAX_BUCKETS = 10_000;
    private static final Set<String> OWNER_ONLY_ACLS = Set.of("private", "bucket-owner-full-control");

    private final BucketRepository buckets;
    private final ObjectRepository objects;
    private final Access access;

    BucketsApi(BucketRepository buckets, ObjectRepository objects, Access access) {
        this.buckets = buckets;
        this.objects = objects;
        this.access = access;
    }

    ObjectNode createBucket(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("Bucket").asText();
        if (!BucketNames.valid(name)) {
            throw S3Errors.invalidBucketName();
        }
        checkLocation(inv.input().path("CreateBucketConfiguration").path("LocationConstraint").asText(""), inv.region());
        String acl = inv.input().path("ACL").asText("private");
        if (!OWNER_ONLY_ACLS.contains(acl)) {
            throw S3Errors.bucketAclWithOwnership();
        }
        var existing = buckets.find(tx, name);
        if (existing.isPresent()) {
            throw existing.get().accountId().equals(inv.accountId()) ? S3Errors.alreadyOwnedByYou() : S3Errors.alreadyExists();
        }
        buckets.insert(tx, new Bucket(name, inv.accountId(), inv.region(), inv.time().truncatedTo(ChronoUnit.MILLIS)));
        return MAPPER.createObjectNode().put("Location", "/" + name);
    }

    /**
     * The location constraint must name the region the request was signed for; us-east-1 is the one region
     * that takes no constraint (and refuses its own name as one).
     */
    private static void checkLocation(String constraint, String region) {
        String wanted = constraint.equals("EU") ? "eu-west-1" : constraint;
        if (wanted.isEmpty()) {
            if (!region.equals(US_EAST_1)) {
                throw S3Errors.illegalLocation("unspecified");
            }
            return;
        }
        if (wanted.equals(US_EAST_1)) {
            throw S3Errors.invalidLocation();
        }
        if (!wanted.equals(region)) {
            throw S3Errors.illegalLocation(constraint);
        }
    }

    ObjectNode deleteBucket(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        if (!objects.isEmpty(tx, bucket.name())) {
            throw S3Errors.notEmpty();
        }
        buckets.delete(tx, bucket.name());
        return MAPPER.createObjectNode();
    }

    ObjectNode headBucket(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        return MAPPER.createObjectNode().put("BucketRegion", bucket.region());
    }

    ObjectNode getBucketLocation(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        ObjectNode output = MAPPER.createObjectNode();
        if (!bucket.locationConstraint().isEmpty()) {
            output.put("LocationConstraint", bucket.locationConstraint());
        }
        return output;
    }

    ObjectNode listBuckets(Invocation inv, Tx tx) throws SQLException {
        int max = inv.input().path("MaxBuckets").asInt(MAX_BUCKETS);
        if (max < 1 || max > MAX_BUCKETS) {
            throw S3Errors.invalidArgument("Argument max-buckets must be an integer between 1 and " + MAX_BUCKETS);
        }
        String prefix = inv.input().path("Prefix").asText("");
        String after = token(inv.input().path("ContinuationToken").asText(""));
        String region = inv.input().path("BucketRegion").asText("");
        ObjectNode output = MAPPER.createObjectNode();
        ArrayNode list = output.putArray("Buckets");
        String last = after;
        boolean more = false;
        while (list.size() < max) {
            List<Bucket> page = buckets.list(tx, inv.accountId(), prefix, last, 1000);
            for (Bucket bucket : page) {
                if (list.size() == max) {
                    more = true;
                    break;
                }
                last = bucket.name();
                if (region.isEmpty() || region.equals(bucket.region())) {
                    list.addObject().put("Name", bucket.name()).put("CreationDate", bucket.createdAt().toString())
                            .put("BucketRegion", bucket.region());
                }
            }
            if (more || page.size() < 1000) {
                break;
            }
        }
        output.putObject("Owner").put("ID", canonicalUserId(inv.accountId()));
        if (more) {
            output.put("ContinuationToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        if (!prefix.isEmpty()) {
            output.put("Prefix", prefix);
        }
        return output;
    }

    private static String token(String token) {
        if (token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect");
        }
    }

    /** S3's canonical user id of an account: 64 hex digits, stable for the account. */
    static String canonicalUserId(String accountId) {
        return Hashes.sha256Hex("waymark-canonical-user:" + accountId);
    }
}
