// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The deliverability dashboard, as state and empty reports: Waymark sees no mailbox providers, so there is nothing
 * to measure. The dashboard option and its subscribed domains (which must be domain identities of the account) are
 * kept; a predictive inbox placement test is composed and stored like a message (its sender must be verified) and
 * completes at once with all placement figures 0 and no ISPs; blacklist reports list no entries; domain statistics
 * are zero for every day asked for (at most 30 days); there are no campaigns.
 */
final class DashboardApi {
    static final Documents REPORTS = new Documents("email_deliverability_test", "report_id", Optional.of("report"),
            "Deliverability test report", 10_000);

    private final AccountSettings account;
    private final Identities identities;
    private final SendEmailApi sender;
    private final Tags tags;

    DashboardApi(AccountSettings account, Identities identities, SendEmailApi sender, Tags tags) {
        this.account = account;
        this.identities = identities;
        this.sender = sender;
        this.tags = tags;
    }

    ObjectNode putDashboardOption(Invocation inv, Tx tx) throws SQLException {
        ObjectNode settings = account.get(tx, inv.accountId(), inv.region());
        boolean enabled = inv.input().path("DashboardEnabled").asBoolean();
        ArrayNode domains = settings.putArray("SubscribedDomains");
        for (JsonNode subscribed : enabled ? inv.input().path("SubscribedDomains") : Json.MAPPER.createArrayNode()) {
            ObjectNode domain = subscribed.deepCopy();
            requireDomain(inv, tx, domain.path("Domain").asText(""));
            if (!domain.has("SubscriptionStartDate")) {
                domain.put("SubscriptionStartDate", inv.time().toString());
            }
            domains.add(domain);
        }
        account.save(tx, inv.accountId(), inv.region(), settings.put("DashboardEnabled", enabled));
        return Json.object();
    }

    ObjectNode getDashboardOptions(Invocation inv, Tx tx) throws SQLException {
        ObjectNode settings = account.get(tx, inv.accountId(), inv.region());
        boolean enabled = settings.path("DashboardEnabled").asBoolean();
        ObjectNode output = Json.object().put("DashboardEnabled", enabled).put("AccountStatus", enabled ? "ACTIVE" : "DISABLED");
        output.set("ActiveSubscribedDomains", settings.path("SubscribedDomains").deepCopy());
        output.putArray("PendingExpirationSubscribedDomains");
        return output;
    }

    ObjectNode createTestReport(Invocation inv, Tx tx) throws SQLException {
        String id = Uuids.random().toString();
        OutgoingMail mail = OutgoingMail.compose(inv.input(), SendEmailApi.messageId(inv.time().toEpochMilli()),
                inv.time().toEpochMilli(), false);
        sender.requireVerified(inv, tx, mail.sender());
        ObjectNode report = Json.object().put("ReportId", id).put("ReportName", inv.input().path("ReportName").asText(""))
                .put("Subject", mail.subject()).put("FromEmailAddress", mail.sender()).put("CreateDate", inv.time().toString())
                .put("DeliverabilityTestStatus", "COMPLETED").put("Message", new String(mail.mime(), StandardCharsets.UTF_8));
        REPORTS.create(tx, inv.accountId(), inv.region(), id, report, inv.time().toEpochMilli());
        tags.put(tx, Arns.of(inv, Arns.REPORT, id), Tags.valid(inv.input().path("Tags")));
        return Json.object().put("ReportId", id).put("DeliverabilityTestStatus", "IN_PROGRESS");
    }

    ObjectNode getTestReport(Invocation inv, Tx tx) throws SQLException {
        String id = inv.input().path("ReportId").asText();
        ObjectNode report = REPORTS.require(tx, inv.accountId(), inv.region(), id);
        ObjectNode output = Json.object();
        output.set("Message", report.remove("Message"));
        output.set("DeliverabilityTestReport", report);
        output.putObject("OverallPlacement").put("InboxPercentage", 0.0).put("SpamPercentage", 0.0)
                .put("MissingPercentage", 0.0).put("SpfPercentage", 0.0).put("DkimPercentage", 0.0);
        output.putArray("IspPlacements");
        output.set("Tags", tags.list(tx, Arns.of(inv, Arns.REPORT, id)));
        return output;
    }

    ObjectNode listTestReports(Invocation inv, Tx tx) throws SQLException {
        Paging paging = Paging.of(inv.input(), "test-reports");
        ObjectNode output = Json.object();
        paging.write(output, "DeliverabilityTestReports", REPORTS.page(tx, inv.accountId(), inv.region(),
                paging.after(), paging.limit()), Documents.Entry::name, entry -> {
                    ObjectNode report = entry.document().deepCopy();
                    report.remove("Message");
                    return report;
                });
        return output;
    }

    ObjectNode getBlacklistReports(Invocation inv, Tx tx) {
        ObjectNode output = Json.object();
        ObjectNode report = output.putObject("BlacklistReport");
        inv.input().path("BlacklistItemNames").forEach(name -> report.putArray(name.asText()));
        return output;
    }

    ObjectNode getCampaign(Invocation inv, Tx tx) {
        throw EmailErrors.notFound("Campaign <" + inv.input().path("CampaignId").asText() + "> does not exist.");
    }

    ObjectNode getDomainStatisticsReport(Invocation inv, Tx tx) throws SQLException {
        requireDomain(inv, tx, inv.input().path("Domain").asText(""));
        ObjectNode output = Json.object();
        ObjectNode overall = output.putObject("OverallVolume");
        overall.set("VolumeStatistics", zeroVolumes());
        overall.put("ReadRatePercent", 0.0).putArray("DomainIspPlacements");
        ArrayNode days = output.putArray("DailyVolumes");
        Instant day = range(inv).truncatedTo(ChronoUnit.DAYS);
        Instant end = Instant.parse(inv.input().path("EndDate").asText());
        for (; !day.isAfter(end); day = day.plus(Duration.ofDays(1))) {
            ObjectNode daily = days.addObject().put("StartDate", day.toString());
            daily.set("VolumeStatistics", zeroVolumes());
            daily.putArray("DomainIspPlacements");
        }
        return output;
    }

    ObjectNode listDomainCampaigns(Invocation inv, Tx tx) throws SQLException {
        requireDomain(inv, tx, inv.input().path("SubscribedDomain").asText(""));
        range(inv);
        Paging.of(inv.input(), "campaigns");
        ObjectNode output = Json.object();
        output.putArray("DomainDeliverabilityCampaigns");
        return output;
    }

    /** The StartDate of a report's range, once the range is checked: start before end, at most 30 days. */
    private static Instant range(Invocation inv) {
        Instant start = Instant.parse(inv.input().path("StartDate").asText());
        Instant end = Instant.parse(inv.input().path("EndDate").asText());
        if (end.isBefore(start) || Duration.between(start, end).compareTo(Duration.ofDays(30)) > 0) {
            throw EmailErrors.badRequest("EndDate must be after StartDate and at most 30 days later");
        }
        return start;
    }

    private void requireDomain(Invocation inv, Tx tx, String domain) throws SQLException {
        if (identities.find(tx, inv.accountId(), inv.region(), domain).filter(Identities.Identity::isDomain).isEmpty()) {
            throw EmailErrors.notFound("Domain <" + domain + "> is not a domain identity of this account.");
        }
    }

    private static ObjectNode zeroVolumes() {
        return Json.object().put("InboxRawCount", 0).put("SpamRawCount", 0).put("ProjectedInbox", 0)
                .put("ProjectedSpam", 0);
    }
}
