// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.SecretBox;
import dev.waymark.core.ServiceImplementation;
import java.time.Duration;
import java.util.Map;

/** The CloudTrail API: event history (LookupEvents) here, the trails API from {@code trail}. */
public final class CloudTrailService {
    private CloudTrailService() {
    }

    /** LookupEvents, with the handlers of the other CloudTrail operations that are built (the trails API). */
    public static ServiceImplementation implementation(SecretBox secrets, Duration retention, double lookupsPerSecond,
                                                       Map<String, OperationHandler> others) {
        LookupEventsApi lookup = new LookupEventsApi(secrets, retention, new LookupRateLimit(lookupsPerSecond));
        Map<String, OperationHandler> handlers = new java.util.HashMap<>(others);
        handlers.put("LookupEvents", lookup::lookupEvents);
        return new ServiceImplementation(OperationTable.load("cloudtrail"), handlers);
    }

    /** Waymark's own API: the event history download. */
    public static ServiceImplementation waymark(Duration retention) {
        ExportEventsApi export = new ExportEventsApi(retention);
        return new ServiceImplementation(OperationTable.load("waymark"), Map.of("ExportEvents", export::exportEvents));
    }
}
