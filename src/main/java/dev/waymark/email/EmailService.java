// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.ServiceImplementation;
import java.util.Map;

/** Wires the Pinpoint Email handlers to the operation table, and the e-mail events to the e-mail channel. */
public final class EmailService {
    private EmailService() {
    }

    public static ServiceImplementation implementation(Channels channels) {
        Tags tags = new Tags();
        Identities identities = new Identities();
        AccountSettings account = new AccountSettings();
        EmailEvents events = new EmailEvents(channels);
        channels.listen(Kind.EMAIL, events);
        ConfigurationSetsApi sets = new ConfigurationSetsApi(tags);
        EventDestinationsApi eventDestinations = new EventDestinationsApi();
        IdentitiesApi identitiesApi = new IdentitiesApi(identities, tags);
        SendEmailApi send = new SendEmailApi(identities, account, channels, events);
        DedicatedIpsApi ips = new DedicatedIpsApi(tags);
        AccountApi accountApi = new AccountApi(account, channels);
        DashboardApi dashboard = new DashboardApi(account, identities, send, tags);
        TagsApi tagsApi = new TagsApi(tags, identities);
        Map<String, OperationHandler> handlers = Map.ofEntries(
                Map.entry("CreateConfigurationSet", sets::create),
                Map.entry("GetConfigurationSet", sets::get),
                Map.entry("ListConfigurationSets", sets::list),
                Map.entry("DeleteConfigurationSet", sets::delete),
                Map.entry("PutConfigurationSetDeliveryOptions", sets::putDeliveryOptions),
                Map.entry("PutConfigurationSetReputationOptions", sets::putReputationOptions),
                Map.entry("PutConfigurationSetSendingOptions", sets::putSendingOptions),
                Map.entry("PutConfigurationSetTrackingOptions", sets::putTrackingOptions),
                Map.entry("CreateConfigurationSetEventDestination", eventDestinations::create),
                Map.entry("UpdateConfigurationSetEventDestination", eventDestinations::update),
                Map.entry("DeleteConfigurationSetEventDestination", eventDestinations::delete),
                Map.entry("GetConfigurationSetEventDestinations", eventDestinations::get),
                Map.entry("CreateEmailIdentity", identitiesApi::create),
                Map.entry("GetEmailIdentity", identitiesApi::get),
                Map.entry("ListEmailIdentities", identitiesApi::list),
                Map.entry("DeleteEmailIdentity", identitiesApi::delete),
                Map.entry("PutEmailIdentityDkimAttributes", identitiesApi::putDkimAttributes),
                Map.entry("PutEmailIdentityFeedbackAttributes", identitiesApi::putFeedbackAttributes),
                Map.entry("PutEmailIdentityMailFromAttributes", identitiesApi::putMailFromAttributes),
                Map.entry("SendEmail", send::send),
                Map.entry("CreateDedicatedIpPool", ips::createPool),
                Map.entry("DeleteDedicatedIpPool", ips::deletePool),
                Map.entry("ListDedicatedIpPools", ips::listPools),
                Map.entry("GetDedicatedIp", ips::getDedicatedIp),
                Map.entry("GetDedicatedIps", ips::getDedicatedIps),
                Map.entry("PutDedicatedIpInPool", ips::putDedicatedIpInPool),
                Map.entry("PutDedicatedIpWarmupAttributes", ips::putDedicatedIpWarmupAttributes),
                Map.entry("GetAccount", accountApi::getAccount),
                Map.entry("PutAccountSendingAttributes", accountApi::putSendingAttributes),
                Map.entry("PutAccountDedicatedIpWarmupAttributes", accountApi::putDedicatedIpWarmupAttributes),
                Map.entry("PutDeliverabilityDashboardOption", dashboard::putDashboardOption),
                Map.entry("GetDeliverabilityDashboardOptions", dashboard::getDashboardOptions),
                Map.entry("CreateDeliverabilityTestReport", dashboard::createTestReport),
                Map.entry("GetDeliverabilityTestReport", dashboard::getTestReport),
                Map.entry("ListDeliverabilityTestReports", dashboard::listTestReports),
                Map.entry("GetBlacklistReports", dashboard::getBlacklistReports),
                Map.entry("GetDomainDeliverabilityCampaign", dashboard::getCampaign),
                Map.entry("GetDomainStatisticsReport", dashboard::getDomainStatisticsReport),
                Map.entry("ListDomainDeliverabilityCampaigns", dashboard::listDomainCampaigns),
                Map.entry("TagResource", tagsApi::tag),
                Map.entry("UntagResource", tagsApi::untag),
                Map.entry("ListTagsForResource", tagsApi::list));
        return new ServiceImplementation(OperationTable.load("pinpoint-email"), handlers);
    }
}
