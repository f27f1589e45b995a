// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.ServiceImplementation;
import java.util.Map;

/** Wires the SMS and Voice v1 handlers to the operation table, and the call events to the voice channel. */
public final class SmsVoiceService {
    private SmsVoiceService() {
    }

    public static ServiceImplementation implementation(Channels channels) {
        ConfigurationSets sets = new ConfigurationSets();
        ConfigurationSetsApi setsApi = new ConfigurationSetsApi(sets);
        EventDestinationsApi destinations = new EventDestinationsApi(setsApi);
        VoiceMessageApi voice = new VoiceMessageApi(sets, channels);
        channels.listen(Kind.VOICE, new VoiceEvents(channels));
        Map<String, OperationHandler> handlers = Map.of(
                "CreateConfigurationSet", setsApi::create,
                "DeleteConfigurationSet", setsApi::delete,
                "ListConfigurationSets", setsApi::list,
                "CreateConfigurationSetEventDestination", destinations::create,
                "UpdateConfigurationSetEventDestination", destinations::update,
                "DeleteConfigurationSetEventDestination", destinations::delete,
                "GetConfigurationSetEventDestinations", destinations::get,
                "SendVoiceMessage", voice::send);
        return new ServiceImplementation(OperationTable.load("pinpoint-sms-voice"), handlers);
    }
}
