// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.protocol.ServiceModel.Shape;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Header values of restXml: timestamps as HTTP dates ({@code Wed, 12 Oct 2009 17:50:00 GMT}, RFC 7231, day
 * always two digits) unless the model names another format, lists comma-separated, the rest as text.
 */
final class HttpDates {
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** An HTTP date as an ISO-8601 instant; any other text unchanged (the model reader then judges it). */
    static String toIso(String value) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim())).toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    static String headerText(Shape shape, JsonNode value) {
        switch (shape.type()) {
            case "timestamp" -> {
                Instant instant = XmlWriter.instant(value);
                String format = shape.timestampFormat().orElse("rfc822");
                if (format.equals("iso8601")) {
                    return XmlWriter.ISO_MILLIS.format(instant);
                }
                if (format.equals("unixTimestamp")) {
                    return Long.toString(instant.getEpochSecond());
                }
                return HTTP_DATE.format(instant);
            }
            case "list" -> {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                return String.join(",", items);
            }
            default -> {
                return value.asText();
            }
        }
    }
}
