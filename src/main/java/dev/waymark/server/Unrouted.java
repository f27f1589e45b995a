// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;


import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.sigv4.SignatureScope;
import dev.waymark.protocol.JsonSupport;
import java.util.Map;

/** The answer to a request that no served service recognises. */
final class Unrouted {
    private Unrouted() {
    }

    static HttpResponse response(HttpRequest request, String requestId) {
        String code;
        String message;
        int status;
        if (SignatureScope.signingName(request).isPresent()) {
            code = "UnrecognizedServiceException";
            message = "Waymark does not serve the service '" + SignatureScope.signingName(request).get()
                    + "' at " + request.rawPath();
            status = 400;
        } else {
            code = "MissingAuthenticationTokenException";
            message = "Missing Authentication Token";
            status = 403;
        }
        byte[] body = JsonSupport.bytes(JsonSupport.MAPPER.createObjectNode().put("__type", code).put("message", message));
        return new HttpResponse(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", code,
                "x-amzn-RequestId", requestId), body);
    }

}
