// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.ServiceImplementation;
import java.util.Map;

/** Wires the Pinpoint handlers to the operation table. Operations without a handler answer 501. */
public final class PinpointService {
    private PinpointService() {
    }

    public static ServiceImplementation implementation() {
        AppRepository apps = new AppRepository();
        TagRepository tags = new TagRepository();
        AppsApi appsApi = new AppsApi(apps, tags);
        SettingsApi settings = new SettingsApi(appsApi, apps);
        TagsApi tagsApi = new TagsApi(apps, tags);
        Map<String, OperationHandler> handlers = Map.ofEntries(
                Map.entry("CreateApp", appsApi::createApp),
                Map.entry("GetApp", appsApi::getApp),
                Map.entry("GetApps", appsApi::getApps),
                Map.entry("DeleteApp", appsApi::deleteApp),
                Map.entry("GetApplicationSettings", settings::getApplicationSettings),
                Map.entry("UpdateApplicationSettings", settings::updateApplicationSettings),
                Map.entry("PutEventStream", settings::putEventStream),
                Map.entry("GetEventStream", settings::getEventStream),
                Map.entry("DeleteEventStream", settings::deleteEventStream),
                Map.entry("TagResource", tagsApi::tagResource),
                Map.entry("UntagResource", tagsApi::untagResource),
                Map.entry("ListTagsForResource", tagsApi::listTagsForResource));
        return new ServiceImplementation(OperationTable.load("pinpoint"), handlers);
    }
}
