// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * A campaign's Schedule: when its occurrences are. StartTime is {@code IMMEDIATE} (the time the campaign was
 * written) or an ISO-8601 time with an offset; occurrences are StartTime, then every hour, day, week or month after
 * it (Frequency), before EndTime. ONCE has one; EVENT has none (events trigger the campaign). With IsLocalTime an
 * occurrence is a wall-clock time — StartTime's, in StartTime's offset — reached in each endpoint's own time zone,
 * so its run begins when the first time zone on Earth (UTC+14) reaches it. QuietTime ({@code HH:mm} to
 * {@code HH:mm}, possibly over midnight) holds for endpoints with a valid Demographic.Timezone whose local time is
 * within it.
 */
record CampaignSchedule(String frequency, OffsetDateTime start, Optional<Instant> end, boolean localTime,
                        Optional<LocalTime> quietStart, Optional<LocalTime> quietEnd) {
    static final Set<String> FREQUENCIES = Set.of("ONCE", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "EVENT");
    private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** The schedule of a campaign written at the given time; BadRequestException when it is not a valid one. */
    static CampaignSchedule parse(JsonNode schedule, Instant written) {
        if (!schedule.isObject()) {
            throw PinpointErrors.badRequest("Missing required field: Schedule");
        }
        String frequency = schedule.path("Frequency").asText("ONCE");
        if (frequency.equals("IN_APP_EVENT")) {
            throw PinpointErrors.badRequest("Waymark does not serve in-app messages: Frequency IN_APP_EVENT is not supported");
        }
        if (!FREQUENCIES.contains(frequency)) {
            throw PinpointErrors.badRequest("Invalid Frequency: " + frequency);
        }
        String startText = schedule.path("StartTime").asText("");
        if (startText.isEmpty()) {
            throw PinpointErrors.badRequest("Missing required field: Schedule.StartTime");
        }
        OffsetDateTime start = startText.equals("IMMEDIATE") ? written.atOffset(ZoneOffset.UTC) : time(startText, "StartTime");
        Optional<Instant> end = schedule.hasNonNull("EndTime")
                ? Optional.of(time(schedule.get("EndTime").asText(), "EndTime").toInstant()) : Optional.empty();
        if (end.isPresent() && !end.get().isAfter(start.toInstant())) {
            throw PinpointErrors.badRequest("Schedule.EndTime must be later than Schedule.StartTime");
        }
        JsonNode quiet = schedule.path("QuietTime");
        return new CampaignSchedule(frequency, start, end, schedule.path("IsLocalTime").asBoolean(false),
                clock(quiet.path("Start")), clock(quiet.path("End")));
    }

    private static OffsetDateTime time(String text, String member) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw PinpointErrors.badRequest("Schedule." + member + " must be IMMEDIATE or an ISO-8601 time with an offset: " + text);
        }
    }

    private static Optional<LocalTime> clock(JsonNode value) {
        if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(value.asText(), HH_MM));
        } catch (DateTimeParseException e) {
            throw PinpointErrors.badRequest("QuietTime must be HH:mm: " + value.asText());
        }
    }

    boolean eventTriggered() {
        return frequency.equals("EVENT");
    }

    /** The first occurrence after the given one (or the first of all), if there is one before EndTime. */
    Optional<Instant> occurrenceAfter(Optional<Instant> previous) {
        if (eventTriggered()) {
            return Optional.empty();
        }
        OffsetDateTime next;
        if (previous.isEmpty()) {
            next = start;
        } else if (frequency.equals("ONCE")) {
            return Optional.empty();
        } else {
            next = start;
            int step = 0;
            while (!next.toInstant().isAfter(previous.get())) {
                step++;
                next = step(step);
            }
        }
        Instant at = next.toInstant();
        return end.isPresent() && !at.isBefore(end.get()) ? Optional.empty() : Optional.of(at);
    }

    private OffsetDateTime step(int n) {
        return switch (frequency) {
            case "HOURLY" -> start.plusHours(n);
            case "DAILY" -> start.plusDays(n);
            case "WEEKLY" -> start.plusWeeks(n);
            default -> start.plusMonths(n);
        };
    }

    /** When the run of an occurrence begins: the occurrence itself, or when UTC+14 reaches it in local time. */
    Instant runStart(Instant occurrence) {
        return localTime ? wallClock(occurrence).toInstant(EARLIEST) : occurrence;
    }

    /** When an occurrence is due in a time zone ({@code ""}: the endpoints without one get the occurrence itself). */
    Instant dueIn(Instant occurrence, String zone) {
        return !localTime || zone.isEmpty() ? occurrence : wallClock(occurrence).atZone(ZoneId.of(zone)).toInstant();
    }

    private LocalDateTime wallClock(Instant occurrence) {
        return LocalDateTime.ofInstant(occurrence, start.getOffset());
    }

    /** Whether it is quiet time for an endpoint of the given time zone ({@code ""}: none, never quiet). */
    boolean quietFor(String zone, Instant now) {
        if (zone.isEmpty() || quietStart.isEmpty() || quietEnd.isEmpty()) {
            return false;
        }
        LocalTime local = LocalTime.ofInstant(now, ZoneId.of(zone));
        LocalTime from = quietStart.get();
        LocalTime to = quietEnd.get();
        return from.isAfter(to) ? !local.isBefore(from) || !local.isAfter(to) : !local.isBefore(from) && !local.isAfter(to);
    }

    /** The valid time zone of an endpoint (Demographic.Timezone), or {@code ""}. */
    static String zoneOf(JsonNode endpoint) {
        String zone = endpoint.path("Demographic").path("Timezone").asText("");
        if (zone.isEmpty()) {
            return "";
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            return "";
        }
    }
}
