// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.PercentCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a SigV4 signature as the request carries them, in the Authorization header or in presigned query
 * parameters. Parsing does not verify anything; it only finds the parts, so that the service can be routed from
 * the credential scope before the signature is checked.
 *
 * @param presigned     whether the signature came in the query string
 * @param credential    {@code AKID/yyyymmdd/region/service/aws4_request}
 * @param signedHeaders the signed header names, lower case, in the order signed
 * @param signature     the hex signature
 * @param amzDate       the request time, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param expires       seconds a presigned request stays valid
 */
public record SignatureScope(boolean presigned, String credential, List<String> signedHeaders, String signature,
                             Optional<String> amzDate, Optional<String> expires, Optional<String> securityToken) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** Thrown when a signature is present but malformed; the message is AWS's. */
    public static final class Incomplete extends Exception {
        Incomplete(String message) {
            super(message, null, false, false);
        }
    }

    /** Finds the signature parts, or empty when the request carries no signature at all. */
    public static Optional<SignatureScope> parse(HttpRequest request) throws Incomplete {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            return Optional.of(fromHeader(authorization.get(), request));
        }
        Map<String, String> query = query(request);
        if (query.containsKey("X-Amz-Algorithm")) {
            return Optional.of(fromQuery(query));
        }
        return Optional.empty();
    }

    /** The service name of the credential scope, when it can be read without verifying anything. */
    public static Optional<String> signingName(HttpRequest request) {
        try {
            return parse(request).flatMap(SignatureScope::scopePart).map(parts -> parts[3]);
        } catch (Incomplete e) {
            return Optional.empty();
        }
    }

    Optional<String[]> scopePart() {
        String[] parts = credential.split("/");
        return parts.length == 5 ? Optional.of(parts) : Optional.empty();
    }

    private static SignatureScope fromHeader(String header, HttpRequest request) throws Incomplete {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw new Incomplete("Authorization header requires 'Credential' parameter. Authorization header requires "
                    + "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                    + "Authorization=" + header);
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                parts.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(name) || parts.get(name).isEmpty()) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        Optional<String> date = request.header("x-amz-date");
        if (date.isEmpty() && request.header("date").isEmpty()) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw new Incomplete(missing + "Authorization=" + header);
        }
        return new SignatureScope(false, parts.get("Credential"), List.of(parts.get("SignedHeaders").split(";")),
                parts.get("Signature"), date, Optional.empty(), request.header("x-amz-security-token"));
    }

    private static SignatureScope fromQuery(Map<String, String> query) throws Incomplete {
        if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            throw new Incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        for (String name : List.of("X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date")) {
            if (!query.containsKey(name) || query.get(name).isEmpty()) {
                throw new Incomplete("AWS query-string parameters must include '" + name + "'. "
                        + "Re-examine the query-string parameters.");
            }
        }
        return new SignatureScope(true, query.get("X-Amz-Credential"),
                List.of(query.get("X-Amz-SignedHeaders").split(";")), query.get("X-Amz-Signature"),
                Optional.of(query.get("X-Amz-Date")), Optional.ofNullable(query.get("X-Amz-Expires")),
                Optional.ofNullable(query.get("X-Amz-Security-Token")));
    }

    private static Map<String, String> query(HttpRequest request) throws Incomplete {
        Map<String, String> result = new HashMap<>();
        try {
            for (Map.Entry<String, String> pair : PercentCodec.parseQuery(request.rawQuery(), false)) {
                result.putIfAbsent(pair.getKey(), pair.getValue());
            }
        } catch (PercentCodec.MalformedException e) {
            throw new Incomplete(e.getMessage());
        }
        return result;
    }
}
