// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Pinpoint writes its dates as ISO-8601 strings with milliseconds: {@code 2018-02-03T01:05:16.425Z}. */
final class Timestamps {
    private Timestamps() {
    }

    static String iso(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        String text = millis.toString();
        return millis.getNano() == 0 ? text.replace("Z", ".000Z") : text;
    }
}
