// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Pinpoint's ISO 8601 date strings (EffectiveDate, event timestamps, date attributes): an instant with an offset,
 * a local date-time (read as UTC), or a date (its start, UTC).
 */
final class Dates {
    private Dates() {
    }

    static Optional<Instant> parse(String text) {
        if (text.endsWith("Z")) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notInstant) {
                // an offset form Instant does not read; try the others
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }
}
