// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response ready to be written: status, headers and body. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse of(int status, String contentType, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new HttpResponse(status, headers, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
