// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.channel.Channels;
import dev.waymark.core.ObjectStore;
import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.SecretBox;
import dev.waymark.core.ServiceImplementation;
import dev.waymark.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Wires the Pinpoint handlers to the operation table. Operations without a handler answer 501. */
public final class PinpointService {
    private PinpointService() {
    }

    public static ServiceImplementation implementation(SecretBox secrets, Channels channels) {
        AppRepository apps = new AppRepository();
        TagRepository tags = new TagRepository();
        AppsApi appsApi = new AppsApi(apps, tags);
        SettingsApi settings = new SettingsApi(appsApi, apps);
        SegmentRepository segments = new SegmentRepository();
        CampaignRepository campaigns = new CampaignRepository();
        TagsApi tagsApi = new TagsApi(apps, tags, Map.of("segments", segments, "campaigns", campaigns));
        EndpointRepository endpoints = new EndpointRepository();
        AttributeNames attributeNames = new AttributeNames();
        EndpointWriter endpointWriter = new EndpointWriter(endpoints, attributeNames);
        EndpointsApi endpointsApi = new EndpointsApi(appsApi, endpoints, endpointWriter, attributeNames);
        SegmentEngine engine = new SegmentEngine(segments, endpoints);
        ChannelRepository channelSettings = new ChannelRepository(secrets);
        TemplateRepository templates = new TemplateRepository();
        MessageSender sender = new MessageSender(channels, channelSettings);
        CampaignTriggers triggers = new CampaignTriggers(campaigns, segments, engine,
                new CampaignMessages(campaigns, templates, sender));
        EventsApi eventsApi = new EventsApi(appsApi, endpointWriter, endpoints, new EventRepository(), triggers);
        SegmentsApi segmentsApi = new SegmentsApi(appsApi, segments, tags, engine);
        KpiApi kpiApi = new KpiApi(appsApi, campaigns);
        JobsApi jobsApi = new JobsApi(appsApi, new JobRepository(), segments);
        Map<String, OperationHandler> handlers = new HashMap<>(Map.ofEntries(
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
                Map.entry("ListTagsForResource", tagsApi::listTagsForResource),
                Map.entry("UpdateEndpoint", endpointsApi::updateEndpoint),
                Map.entry("UpdateEndpointsBatch", OperationHandler.checked(endpointsApi::checkBatch, endpointsApi::updateEndpointsBatch)),
                Map.entry("GetEndpoint", endpointsApi::getEndpoint),
                Map.entry("GetInAppMessages", endpointsApi::getInAppMessages),
                Map.entry("DeleteEndpoint", endpointsApi::deleteEndpoint),
                Map.entry("GetUserEndpoints", endpointsApi::getUserEndpoints),
                Map.entry("DeleteUserEndpoints", endpointsApi::deleteUserEndpoints),
                Map.entry("RemoveAttributes", endpointsApi::removeAttributes),
                Map.entry("PutEvents", eventsApi::putEvents),
                Map.entry("CreateSegment", segmentsApi::createSegment),
                Map.entry("GetSegment", segmentsApi::getSegment),
                Map.entry("GetSegments", segmentsApi::getSegments),
                Map.entry("UpdateSegment", segmentsApi::updateSegment),
                Map.entry("DeleteSegment", segmentsApi::deleteSegment),
                Map.entry("GetSegmentVersion", segmentsApi::getSegmentVersion),
                Map.entry("GetSegmentVersions", segmentsApi::getSegmentVersions),
                Map.entry("GetApplicationDateRangeKpi", kpiApi::getApplicationDateRangeKpi),
                Map.entry("GetCampaignDateRangeKpi", kpiApi::getCampaignDateRangeKpi),
                Map.entry("CreateImportJob", jobsApi::createImportJob),
                Map.entry("GetImportJob", jobsApi::getImportJob),
                Map.entry("GetImportJobs", jobsApi::getImportJobs),
                Map.entry("GetSegmentImportJobs", jobsApi::getSegmentImportJobs),
                Map.entry("CreateExportJob", jobsApi::createExportJob),
                Map.entry("GetExportJob", jobsApi::getExportJob),
                Map.entry("GetExportJobs", jobsApi::getExportJobs),
                Map.entry("GetSegmentExportJobs", jobsApi::getSegmentExportJobs)));
        handlers.putAll(ChannelsApi.handlers(appsApi, channelSettings));
        handlers.putAll(TemplatesApi.handlers(templates));
        handlers.putAll(new CampaignsApi(appsApi, campaigns, segments, tags, templates).handlers());
        MessagesApi messages = new MessagesApi(appsApi, endpoints, templates, sender);
        handlers.put("SendMessages", messages::sendMessages);
        handlers.put("SendUsersMessages", messages::sendUsersMessages);
        OtpApi otp = new OtpApi(appsApi, sender);
        handlers.put("SendOTPMessage", otp::sendOtpMessage);
        handlers.put("VerifyOTPMessage", otp::verifyOtpMessage);
        handlers.put("PhoneNumberValidate", new PhoneNumbersApi()::phoneNumberValidate);
        RecommendersApi recommenders = new RecommendersApi();
        handlers.put("CreateRecommenderConfiguration", recommenders::create);
        handlers.put("GetRecommenderConfiguration", recommenders::get);
        handlers.put("GetRecommenderConfigurations", recommenders::list);
        handlers.put("UpdateRecommenderConfiguration", recommenders::update);
        handlers.put("DeleteRecommenderConfiguration", recommenders::delete);
        return new ServiceImplementation(OperationTable.load("pinpoint"), Map.copyOf(handlers));
    }

    /** The background runner of campaigns, sending through the channels. */
    public static CampaignRunner campaignRunner(Store store, SecretBox secrets, Channels channels, Clock clock, Duration every) {
        SegmentRepository segments = new SegmentRepository();
        CampaignRepository campaigns = new CampaignRepository();
        return new CampaignRunner(store, clock, every, new AppRepository(), campaigns, segments,
                new SegmentEngine(segments, new EndpointRepository()), new CampaignMessages(campaigns,
                new TemplateRepository(), new MessageSender(channels, new ChannelRepository(secrets))));
    }

    /** The background runner of import and export jobs, reading and writing files through the object store. */
    public static JobRunner jobRunner(Store store, ObjectStore objects, dev.waymark.core.ServiceRoles roles, Clock clock,
                                      Duration every) {
        AppRepository apps = new AppRepository();
        SegmentRepository segments = new SegmentRepository();
        EndpointRepository endpoints = new EndpointRepository();
        EndpointWriter writer = new EndpointWriter(endpoints, new AttributeNames());
        ImportJob imports = new ImportJob(store, clock, apps, writer, segments, new SegmentMembers());
        ExportJob exports = new ExportJob(store, clock, apps, segments, new SegmentEngine(segments, endpoints));
        return new JobRunner(store, clock, every, new JobRepository(), imports, exports, objects, roles);
    }
}
