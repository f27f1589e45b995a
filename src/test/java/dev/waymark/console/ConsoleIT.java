// SPDX-License-Identifier: Apache-2.0
package dev.waymark.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The web console in a real browser (headless Chromium): sign-in with any identity's keys, the calls made with the
 * SDK in the event history, each lookup attribute, one event's record, the CSV and JSON downloads, the chart, the
 * trails and their files, and a second account that sees none of the first account's events. Screenshots of the
 * main pages go to {@code target/console-screenshots/}.
 */
class ConsoleIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String READER_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"cloudtrail:LookupEvents\",\"cloudtrail:DescribeTrails\",\"cloudtrail:GetTrailStatus\","
            + "\"s3:ListBucket\"],\"Resource\":\"*\"}]}";
    private static final String BUCKET = "console-trail-logs";

    private static TestServer server;
    private static ConsoleBrowser browser;
    private static AwsCredentials auditor;
    /** The SDK's own lookups, that the console's are compared with, are this user's: not root's, not the auditor's. */
    private static AwsCredentials checker;
    private static String appArn;
    private static String createAppId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--delivery-interval=300ms", "--digest-period=2s");
        auditor = server.createUser("auditor", READER_POLICY);
        checker = server.createUser("checker", READER_POLICY);
        for (int i = 0; i < 52; i++) {
            int n = i;
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("bulk-" + n)));
        }
        var s3 = server.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(cloudTrailMayWrite(BUCKET, server.accountId())));
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        cloudTrail.createTrail(r -> r.name("audit").s3BucketName(BUCKET).enableLogFileValidation(true));
        cloudTrail.startLogging(r -> r.name("audit"));
        appArn = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("orders"))).applicationResponse().arn();
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("billing")));
        try {
            server.pinpoint().getApp(r -> r.applicationId("missing"));
        } catch (NotFoundException expected) {
            // a failed call, recorded with its error code
        }
        server.sts().getCallerIdentity(r -> { });
        createAppId = server.records("CreateApp").stream()
                .filter(r -> r.path("resources").path(0).path("ARN").asText().equals(appArn))
                .findFirst().orElseThrow().get("eventID").asText();
        browser = new ConsoleBrowser(server.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    private static String cloudTrailMayWrite(String bucket, String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/AWSLogs/" + account + "/*\"}]}";
    }

    /** The ids of every event LookupEvents returns for one attribute, through the SDK. */
    private static Set<String> lookedUp(LookupAttributeKey key, String value) {
        CloudTrailClient cloudTrail = server.cloudTrail(checker, Region.US_EAST_1);
        Set<String> ids = new HashSet<>();
        cloudTrail.lookupEventsPaginator(r -> r.lookupAttributes(a -> a.attributeKey(key).attributeValue(value)))
                .events().forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    /** Chooses an attribute, types its value and presses Enter; waits for the new results. */
    private static void applyFilter(String attribute, String value) {
        WebElement before = browser.find(By.cssSelector(".results"));
        new Select(browser.find(By.id("attribute"))).selectByValue(attribute);
        WebElement field = browser.find(By.id("attribute-value"));
        field.clear();
        field.sendKeys(value, Keys.ENTER);
        browser.until(ExpectedConditions.stalenessOf(before));
        browser.awaitResults();
    }

    @Test
    void theCallsMadeWithTheSdkAppearNewestFirst() {
        browser.signInToHistory(auditor);
        assertTrue(browser.find(By.id("identity")).getText().startsWith("user/auditor"));
        applyFilter("Username", "root");
        List<String> names = browser.column("Event name");
        assertTrue(names.containsAll(List.of("CreateApp", "GetApp", "GetCallerIdentity", "CreateTrail", "StartLogging")), names.toString());
        List<String> errors = browser.column("Error code");
        assertEquals("NotFoundException", errors.get(names.indexOf("GetApp")));
        List<String> times = browser.column("Event time (UTC)");
        assertEquals(times.stream().sorted((a, b) -> b.compareTo(a)).toList(), times, "newest first");
        browser.screenshot("event-history");

        String newer = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("after-sign-in")))
                .applicationResponse().arn();
        browser.find(By.xpath("//button[text()='Refresh']")).click();
        browser.until(d -> browser.column("Resource name").stream().anyMatch(name -> name.contains(newer)) ? Boolean.TRUE : null);
        assertEquals("CreateApp", browser.column("Event name").get(0));
        applyFilter("Username", "auditor");
        assertTrue(browser.column("Event name").containsAll(List.of("LookupEvents", "ExportEvents", "GetCallerIdentity")),
                "the console's own calls are recorded too");

        assertEquals(0L, browser.script("return localStorage.length + sessionStorage.length"), "nothing stored");
        assertEquals("", browser.script("return document.cookie"));
        assertFalse(browser.driver().getCurrentUrl().contains(auditor.secretAccessKey()));
    }

    @Test
    void eachLookupAttributeFilters() {
        browser.signInToHistory(auditor);
        String rootKey = server.rootCredentials().accessKeyId();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("EventName", "CreateApp");
        values.put("Username", "root");
        values.put("EventSource", "pinpoint.amazonaws.com");
        values.put("ResourceType", "AWS::Pinpoint::App");
        values.put("ResourceName", appArn);
        values.put("ReadOnly", "false");
        values.put("AccessKeyId", rootKey);
        values.put("EventId", createAppId);
        for (Map.Entry<String, String> filter : values.entrySet()) {
            applyFilter(filter.getKey(), filter.getValue());
            List<String> shown = browser.eventIds();
            assertTrue(shown.contains(createAppId), filter + " shows the first CreateApp: " + shown);
            Set<String> expected = lookedUp(LookupAttributeKey.fromValue(filter.getKey()), filter.getValue());
            assertTrue(expected.containsAll(shown), filter + " shows only its events: " + shown + " " + expected);
            if (filter.getKey().equals("EventName")) {
                assertEquals(Set.of("CreateApp"), new HashSet<>(browser.column("Event name")));
                browser.screenshot("event-history-filtered");
            }
        }
        assertEquals(List.of(createAppId), browser.eventIds(), "an event id finds that event alone");
    }

    @Test
    void pagesFollowTheNextTokenBothWays() {
        browser.signInToHistory(auditor);
        applyFilter("EventName", "CreateApp");
        List<String> first = browser.eventIds();
        assertEquals(50, first.size());
        WebElement older = browser.find(By.xpath("//button[text()='Older ›']"));
        WebElement before = browser.find(By.cssSelector("table.events"));
        older.sendKeys(Keys.ENTER);
        browser.until(ExpectedConditions.stalenessOf(before));
        browser.awaitResults();
        List<String> second = browser.eventIds();
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        assertEquals(first.size() + second.size(), all.size(), "no event on two pages");
        assertEquals(lookedUp(LookupAttributeKey.EVENT_NAME, "CreateApp"), all);
        assertTrue(browser.find(By.cssSelector(".page-label")).getText().startsWith("Page 2 · events 51–"));
        String focused = browser.driver().switchTo().activeElement().getText();
        assertTrue(focused.equals("‹ Newer"), "focus stays on a pager button: " + focused);
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.until(d -> browser.eventIds().equals(first) ? Boolean.TRUE : null);
    }

    @Test
    void oneEventShowsItsFullRecord() throws Exception {
        browser.signInToHistory(auditor);
        applyFilter("EventId", createAppId);
        browser.find(By.cssSelector("a.event-link")).click();
        browser.until(d -> d.findElement(By.tagName("h1")).getText().equals("CreateApp") ? Boolean.TRUE : null);
        JsonNode record = MAPPER.readTree(browser.find(By.cssSelector("pre.json")).getText());
        assertEquals(createAppId, record.get("eventID").asText());
        assertEquals(server.records("CreateApp").stream().filter(r -> r.get("eventID").asText().equals(createAppId))
                .findFirst().orElseThrow(), record, "the record as stored");
        browser.screenshot("event-detail");
        browser.find(By.linkText("‹ Back to event history")).click();
        browser.awaitResults();
        assertEquals(List.of(createAppId), browser.eventIds(), "back to the same filter");
    }

    @Test
    void theFilterDownloadsAsCsvAndJsonAndIsCharted() throws Exception {
        browser.signInToHistory(auditor);
        applyFilter("EventName", "CreateApp");
        Set<String> expected = lookedUp(LookupAttributeKey.EVENT_NAME, "CreateApp");
        browser.find(By.id("download-csv")).click();
        Path csv = browser.download("event-history-us-east-1-" + expected.size() + ".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("EventId,EventTime,Username,EventName,EventSource,ResourceType,ResourceName,ReadOnly,AccessKeyId,"
                + "AwsRegion,ErrorCode,SourceIPAddress", lines.get(0));
        assertEquals(expected, lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(',')))
                .collect(Collectors.toSet()));
        browser.find(By.id("download-json")).click();
        Path json = browser.download("event-history-us-east-1-" + expected.size() + ".json");
        JsonNode records = MAPPER.readTree(json.toFile()).get("Records");
        Set<String> ids = new HashSet<>();
        records.forEach(r -> {
            assertEquals("CreateApp", r.get("eventName").asText());
            ids.add(r.get("eventID").asText());
        });
        assertEquals(expected, ids);
        String summary = browser.find(By.cssSelector("svg.chart")).getAttribute("aria-label");
        assertTrue(summary.startsWith("Events per hour: " + expected.size() + " events"), summary);
        int bars = browser.driver().findElements(By.cssSelector("svg.chart rect.bar")).stream()
                .mapToInt(bar -> Integer.parseInt(bar.findElement(By.tagName("title")).getAttribute("textContent")
                        .replaceAll(".*: (\\d+) events?$", "$1"))).sum();
        assertEquals(expected.size(), bars);
    }

    @Test
    void trailsShowTheirStatusAndDeliveredFiles() {
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        browser.until(d -> {
            var status = cloudTrail.getTrailStatus(r -> r.name("audit"));
            return status.latestDeliveryTime() != null && status.latestDigestDeliveryTime() != null ? Boolean.TRUE : null;
        });
        browser.signInToHistory(auditor);
        browser.find(By.linkText("Trails")).click();
        WebElement row = browser.find(By.cssSelector("tr[data-trail='audit']"));
        assertTrue(row.getText().contains("Logging"), row.getText());
        assertEquals(2, row.findElements(By.tagName("time")).size(), "latest delivery and latest digest: " + row.getText());
        assertTrue(row.getText().contains(BUCKET), row.getText());
        browser.screenshot("trails");
        row.findElement(By.cssSelector("a.trail-link")).click();
        browser.until(d -> d.findElements(By.cssSelector("table.files tbody tr")).isEmpty() ? null : Boolean.TRUE);
        List<String> keys = browser.driver().findElements(By.cssSelector("table.files td.key")).stream()
                .map(WebElement::getText).toList();
        String logs = "AWSLogs/" + server.accountId() + "/CloudTrail/us-east-1/";
        assertTrue(keys.stream().anyMatch(k -> k.startsWith(logs) && k.endsWith(".json.gz")), keys.toString());
        browser.screenshot("trail-files");
    }

    @Test
    void anotherAccountSeesNoneOfTheseEvents() throws Exception {
        TestServer.AccountKey other = server.createAccount("other");
        AwsCredentials stranger = server.createUser(other.accountId(), "stranger", TestServer.ALLOW_ALL);
        Set<String> ours = server.records(null).stream()
                .filter(r -> r.get("recipientAccountId").asText().equals(server.accountId()))
                .map(r -> r.get("eventID").asText()).collect(Collectors.toSet());
        browser.signInToHistory(stranger);
        List<String> shown = browser.eventIds();
        assertFalse(shown.isEmpty(), "the stranger's own sign-in is there");
        assertTrue(shown.stream().noneMatch(ours::contains), shown.toString());
        assertEquals(Set.of("stranger"), new HashSet<>(browser.column("User name")));
        browser.screenshot("other-account");
        applyFilter("EventId", createAppId);
        assertTrue(browser.find(By.cssSelector(".empty")).getText().contains("No events match"));
        browser.find(By.linkText("Trails")).click();
        assertTrue(browser.find(By.cssSelector(".empty")).getText().contains("No trail"));
    }

    @Test
    void staticFilesAreServedWithTheirHeadersAndNotRecorded() throws Exception {
        int before = server.records(null).size();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(301, redirect.statusCode());
        assertEquals("/console/", redirect.headers().firstValue("location").orElseThrow());
        Map<String, String> types = Map.of("/console/", "text/html; charset=utf-8", "/console/app.js",
                "text/javascript; charset=utf-8", "/console/console.css", "text/css; charset=utf-8", "/console/icon.svg", "image/svg+xml");
        for (Map.Entry<String, String> file : types.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint().resolve(file.getKey())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), file.getKey());
            assertEquals(file.getValue(), response.headers().firstValue("content-type").orElseThrow());
            assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElseThrow());
            assertEquals("no-cache", response.headers().firstValue("cache-control").orElseThrow());
            assertTrue(response.headers().firstValue("content-security-policy").orElseThrow().startsWith("default-src 'self';"));
            String etag = response.headers().firstValue("etag").orElseThrow();
            assertEquals(304, http.send(HttpRequest.newBuilder(server.endpoint().resolve(file.getKey()))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        for (String missing : List.of("/console/missing.js", "/console/..%2fpom.xml", "/console/%2e%2e/pom.xml")) {
            assertEquals(404, http.send(HttpRequest.newBuilder(server.endpoint().resolve(missing)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), missing);
        }
        assertEquals(before, server.records(null).size(), "static files are not API calls: nothing recorded");
        // A signed request of the same path is not the console's: S3, for a bucket named "console".
        server.s3().createBucket(r -> r.bucket("console"));
        assertEquals(0, server.s3().listObjectsV2(r -> r.bucket("console")).keyCount());
    }

    @Test
    void thePlainJavaScriptHashesAgreeWithWebCrypto() {
        browser.open();
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/sha256.js').then(async ({ sha256, hmacSha256 }) => {
                    const hex = b => Array.from(new Uint8Array(b), x => x.toString(16).padStart(2, '0')).join('');
                    const bad = [];
                    for (const n of [0, 1, 55, 56, 63, 64, 65, 200]) {
                        const data = crypto.getRandomValues(new Uint8Array(n));
                        const key = crypto.getRandomValues(new Uint8Array(n % 3 === 0 ? 80 : 32));
                        if (hex(sha256(data)) !== hex(await crypto.subtle.digest('SHA-256', data))) bad.push('sha256 ' + n);
                        const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
                        if (hex(hmacSha256(key, data)) !== hex(await crypto.subtle.sign('HMAC', k, data))) bad.push('hmac ' + n);
                    }
                    done(bad.join(', '));
                }, e => done('import failed: ' + e));
                """);
        assertEquals("", result);
    }

    @Test
    void aBrowserWhoseClockIsAnHourSlowStillSignsIn() {
        String slow = "(() => { const Real = Date; const shift = -3600 * 1000;"
                + " class Slow extends Real { constructor(...a) { if (a.length === 0) { super(Real.now() + shift); } else { super(...a); } }"
                + " static now() { return Real.now() + shift; } } globalThis.Date = Slow; })();";
        Object added = browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", slow)).get("identifier");
        try {
            String fresh = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("skewed"))).applicationResponse().arn();
            browser.signInToHistory(auditor);
            long behind = System.currentTimeMillis() - ((Number) browser.script("return Date.now()")).longValue();
            assertTrue(Math.abs(behind - 3_600_000) < 60_000, "the page's clock is an hour slow: " + behind);
            applyFilter("ResourceName", fresh);
            assertEquals(List.of("CreateApp"), browser.column("Event name"), "signed at the server's time, up to its now");
        } finally {
            browser.cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added));
        }
    }

    @Test
    void temporaryCredentialsSignInToo() {
        Credentials session = server.sts(auditor).getSessionToken(r -> r.durationSeconds(900)).credentials();
        browser.signInToHistory(AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken()));
        assertTrue(browser.find(By.id("identity")).getText().startsWith("user/auditor"));
        assertTrue(browser.column("Event name").contains("GetSessionToken"));
    }

    @Test
    void aWrongSecretAndAMissingPermissionAreShownReadably() {
        browser.open();
        assertEquals("access-key-id", browser.driver().switchTo().activeElement().getAttribute("id"));
        browser.screenshot("sign-in");
        browser.signIn(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(auditor.accessKeyId(), "wrong"), "us-east-1");
        WebElement error = browser.find(By.cssSelector(".error"));
        assertTrue(error.getText().contains("SignatureDoesNotMatch"), error.getText());
        browser.screenshot("sign-in-error");

        browser.signInToHistory(server.createUser("nobody", null));
        WebElement denied = browser.find(By.cssSelector(".results .error"));
        assertTrue(denied.getText().contains("AccessDeniedException") && denied.getText().contains("cloudtrail:LookupEvents"),
                denied.getText());
    }
}
