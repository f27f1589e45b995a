// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The periods a trail was logging, as ranges of event sequence numbers {@code (start, stop]} ({@code stop} null
 * while logging). An event belongs to the trail when its sequence number falls in one of them, so events of a
 * stopped period are never delivered and events from before a stop still are.
 */
final class LoggingWindows {
    private final ArrayNode windows;

    private LoggingWindows(ArrayNode windows) {
        this.windows = windows;
    }

    static LoggingWindows parse(String json) {
        try {
            return new LoggingWindows((ArrayNode) TrailsApi.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a window after {@code seq}, unless one is open. */
    LoggingWindows start(long seq) {
        if (!isOpen()) {
            windows.addArray().add(seq).addNull();
        }
        return this;
    }

    /** Closes the open window at {@code seq}, if one is open. */
    LoggingWindows stop(long seq) {
        if (isOpen()) {
            ((ArrayNode) windows.get(windows.size() - 1)).set(1, TrailsApi.MAPPER.getNodeFactory().numberNode(seq));
        }
        return this;
    }

    boolean isOpen() {
        return !windows.isEmpty() && windows.get(windows.size() - 1).get(1).isNull();
    }

    boolean contains(long seq) {
        for (JsonNode window : windows) {
            if (seq > window.get(0).asLong() && (window.get(1).isNull() || seq <= window.get(1).asLong())) {
                return true;
            }
        }
        return false;
    }

    /** The last sequence number any window can hold (Long.MAX_VALUE while one is open). */
    long end() {
        if (windows.isEmpty()) {
            return 0;
        }
        return isOpen() ? Long.MAX_VALUE : windows.get(windows.size() - 1).get(1).asLong();
    }

    @Override
    public String toString() {
        return windows.toString();
    }
}
