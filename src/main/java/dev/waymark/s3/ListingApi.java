// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;

/**
 * ListObjects (v1: Marker, NextMarker) and ListObjectsV2 (ContinuationToken, StartAfter, KeyCount), with Prefix,
 * Delimiter, MaxKeys (at most 1000) and {@code encoding-type=url}.
 */
final class ListingApi {
    private static final int MAX_KEYS = 1000;
    private static final String TOKEN_PREFIX = "wm1:";

    private final ObjectRepository objects;
    private final Access access;

    ListingApi(ObjectRepository objects, Access access) {
        this.objects = objects;
        this.access = access;
    }

    ObjectNode listObjects(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode input = inv.input();
        Request request = Request.of(input);
        String marker = input.path("Marker").asText("");
        Listing listing = Listing.page(tx, objects, bucket.name(), request.prefix(), request.delimiter(), marker,
                request.maxKeys());
        ObjectNode output = common(bucket, request, listing, false);
        output.put("Marker", request.encode(marker));
        if (listing.truncated() && !request.delimiter().isEmpty()) {
            listing.last().ifPresent(last -> output.put("NextMarker", request.encode(last)));
        }
        return output;
    }

    ObjectNode listObjectsV2(Invocation inv, Tx tx) throws SQLException {
        Bucket bucket = access.owned(inv, tx);
        JsonNode input = inv.input();
        Request request = Request.of(input);
        String startAfter = input.path("StartAfter").asText("");
        String token = input.path("ContinuationToken").asText("");
        String after = token.isEmpty() ? startAfter : fromToken(token);
        Listing listing = Listing.page(tx, objects, bucket.name(), request.prefix(), request.delimiter(), after,
                request.maxKeys());
        ObjectNode output = common(bucket, request, listing, input.path("FetchOwner").asBoolean(false));
        output.put("KeyCount", listing.contents().size() + listing.commonPrefixes().size());
        if (!token.isEmpty()) {
            output.put("ContinuationToken", token);
        }
        if (!startAfter.isEmpty()) {
            output.put("StartAfter", request.encode(startAfter));
        }
        if (listing.truncated()) {
            listing.last().ifPresent(last -> output.put("NextContinuationToken", toToken(last)));
        }
        return output;
    }

    private static ObjectNode common(Bucket bucket, Request request, Listing listing, boolean owner) {
        ObjectNode output = BucketsApi.MAPPER.createObjectNode();
        output.put("Name", bucket.name()).put("Prefix", request.encode(request.prefix()))
                .put("MaxKeys", request.maxKeys()).put("IsTruncated", listing.truncated());
        if (!request.delimiter().isEmpty()) {
            output.put("Delimiter", request.encode(request.delimiter()));
        }
        if (request.urlEncoded()) {
            output.put("EncodingType", "url");
        }
        ArrayNode contents = output.putArray("Contents");
        for (StoredObject object : listing.contents()) {
            ObjectNode entry = contents.addObject().put("Key", request.encode(object.key()))
                    .put("LastModified", object.lastModified().toString()).put("ETag", ObjectsApi.quoted(object.etag()))
                    .put("Size", object.size()).put("StorageClass", "STANDARD");
            if (owner) {
                entry.putObject("Owner").put("ID", BucketsApi.canonicalUserId(bucket.accountId()));
            }
            object.checksum().ifPresent(c -> entry.putArray("ChecksumAlgorithm")
                    .add(c.member().substring("Checksum".length())));
        }
        ArrayNode prefixes = output.putArray("CommonPrefixes");
        listing.commonPrefixes().forEach(prefix -> prefixes.addObject().put("Prefix", request.encode(prefix)));
        return output;
    }

    private static String toToken(String last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + last).getBytes(StandardCharsets.UTF_8));
    }

    private static String fromToken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                return text.substring(TOKEN_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw S3Errors.invalidArgument("The continuation token provided is incorrect");
    }

    /** What both listings read from their request. */
    private record Request(String prefix, String delimiter, int maxKeys, boolean urlEncoded) {
        static Request of(JsonNode input) {
            int maxKeys = input.path("MaxKeys").asInt(MAX_KEYS);
            if (maxKeys < 0) {
                throw S3Errors.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647");
            }
            String encoding = input.path("EncodingType").asText("");
            if (!encoding.isEmpty() && !encoding.equals("url")) {
                throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request");
            }
            return new Request(input.path("Prefix").asText(""), input.path("Delimiter").asText(""),
                    Math.min(maxKeys, MAX_KEYS), encoding.equals("url"));
        }

        /** A key, prefix or delimiter as the response carries it: URL-encoded when the request asked for it. */
        String encode(String value) {
            return urlEncoded ? UrlEncoding.encode(value) : value;
        }
    }
}
