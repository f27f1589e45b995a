// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.OperationHandler;
import java.util.Map;

/** Channels: Get/Update/Delete of each channel type and GetChannels. NOT YET IMPLEMENTED: no handlers (501). */
final class ChannelsApi {
    private ChannelsApi() {
    }

    static Map<String, OperationHandler> handlers(AppsApi appsApi, ChannelRepository channels) {
        return Map.of();
    }
}
