# SPDX-License-Identifier: Apache-2.0
"""Compatibility checks of Waymark with boto3 and the AWS CLI, as a user would configure them.

Environment:
  AWS_ENDPOINT_URL             the Waymark server, e.g. http://127.0.0.1:8449
  AWS_SHARED_CREDENTIALS_FILE  credentials file with the [waymark] profile (the account's root key)
  AWS_PROFILE                  waymark
  AWS_REGION                   us-east-1
  USER_PROFILE                 profile of an IAM user (in the same file) allowed sts:AssumeRole and mobiletargeting:*
  ROLE_ARN                     a role whose trust policy names that user

Prints one line per check and finally "N passed, M failed"; exits 1 when any check failed.
Only the standard library and boto3 are used.
"""

import json
import os
import re
import subprocess
import sys
import traceback
import uuid

import boto3
import botocore.config
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL", "")
REGION = os.environ.get("AWS_REGION", "us-east-1")
PROFILE = os.environ.get("AWS_PROFILE", "waymark")
USER_PROFILE = os.environ.get("USER_PROFILE", "")
ROLE_ARN = os.environ.get("ROLE_ARN", "")
NO_RETRIES = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
RUN = uuid.uuid4().hex[:8]

passed = 0
failed = 0


def check(name, fn):
    """Runs one check; an exception or a false assertion is a failure."""
    global passed, failed
    try:
        detail = fn()
        passed += 1
        print(f"PASS {name}" + (f" ({detail})" if detail else ""), flush=True)
    except Exception as e:  # noqa: BLE001 - every failure is reported, none is fatal
        failed += 1
        where = traceback.extract_tb(e.__traceback__)[-1]
        print(f"FAIL {name}: {type(e).__name__}: {e} [line {where.lineno}]", flush=True)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(fn, code, status):
    """Runs fn, which must fail with a botocore ClientError of the given code and HTTP status."""
    try:
        fn()
    except ClientError as e:
        got_code = e.response["Error"]["Code"]
        got_status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        expect(got_code == code and got_status == status,
               f"expected {code}/{status}, got {got_code}/{got_status}: {e.response['Error'].get('Message')}")
        expect(e.response["ResponseMetadata"].get("RequestId"), "error has no request id")
        return f"{got_code} {got_status}: {e.response['Error'].get('Message')}"
    raise AssertionError(f"expected {code}/{status}, but the call succeeded")


def session(profile):
    return boto3.Session(profile_name=profile, region_name=REGION)


def clients_from(credentials):
    """Pinpoint and STS clients using temporary credentials from an STS response."""
    s = boto3.Session(aws_access_key_id=credentials["AccessKeyId"],
                      aws_secret_access_key=credentials["SecretAccessKey"],
                      aws_session_token=credentials["SessionToken"], region_name=REGION)
    return s.client("pinpoint", config=NO_RETRIES), s.client("sts", config=NO_RETRIES)


def main():
    expect(ENDPOINT, "AWS_ENDPOINT_URL must be set")
    root = session(PROFILE)
    pinpoint = root.client("pinpoint", config=NO_RETRIES)
    sts = root.client("sts", config=NO_RETRIES)
    state = {}

    # ---- STS: who am I --------------------------------------------------------------------------------------
    def caller_identity():
        me = sts.get_caller_identity()
        expect(re.fullmatch(r"\d{12}", me["Account"]), f"Account {me['Account']!r}")
        expect(me["Arn"] == f"arn:aws:iam::{me['Account']}:root", f"Arn {me['Arn']!r}")
        expect(me["UserId"] == me["Account"], f"UserId {me['UserId']!r}")
        state["account"] = me["Account"]
        return me["Arn"]
    check("sts GetCallerIdentity (root)", caller_identity)
    account = state.get("account", "000000000000")

    # ---- Pinpoint applications ------------------------------------------------------------------------------
    def create_app():
        created = pinpoint.create_app(CreateApplicationRequest={"Name": f"compat-{RUN}", "tags": {"team": "qa"}})
        expect(created["ResponseMetadata"]["HTTPStatusCode"] == 201, f"status {created['ResponseMetadata']['HTTPStatusCode']}")
        app = created["ApplicationResponse"]
        expect(re.fullmatch(r"[0-9a-f]{32}", app["Id"]), f"Id {app['Id']!r}")
        expect(app["Arn"] == f"arn:aws:mobiletargeting:{REGION}:{account}:apps/{app['Id']}", f"Arn {app['Arn']!r}")
        expect(app["Name"] == f"compat-{RUN}", f"Name {app['Name']!r}")
        expect(app["tags"] == {"team": "qa"}, f"tags {app['tags']!r}")
        expect(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", app["CreationDate"]), f"CreationDate {app['CreationDate']!r}")
        state["app"] = app
        return app["Id"]
    check("pinpoint CreateApp", create_app)
    app = state.get("app", {"Id": "none", "Arn": f"arn:aws:mobiletargeting:{REGION}:{account}:apps/none"})

    def get_app():
        got = pinpoint.get_app(ApplicationId=app["Id"])["ApplicationResponse"]
        expect(got == app, f"{got!r} != {app!r}")
    check("pinpoint GetApp", get_app)

    def get_apps_paging():
        ids = {app["Id"]}
        for i in range(4):
            ids.add(pinpoint.create_app(CreateApplicationRequest={"Name": f"compat-{RUN}-{i}"})["ApplicationResponse"]["Id"])
        seen, pages, token = [], 0, None
        while True:
            kwargs = {"PageSize": "2"} if token is None else {"PageSize": "2", "Token": token}
            page = pinpoint.get_apps(**kwargs)["ApplicationsResponse"]
            pages += 1
            expect(len(page["Item"]) <= 2, f"page of {len(page['Item'])} items with PageSize 2")
            seen += [item["Id"] for item in page["Item"]]
            token = page.get("NextToken")
            if not token:
                break
            expect(pages < 100, "paging does not end")
        expect(len(seen) == len(set(seen)), "an app appeared on two pages")
        expect(ids <= set(seen), f"missing from the pages: {ids - set(seen)}")
        everything = pinpoint.get_apps()["ApplicationsResponse"]
        expect({item["Id"] for item in everything["Item"]} == set(seen), "one big page differs from the small pages")
        return f"{len(seen)} apps in {pages} pages"
    check("pinpoint GetApps with PageSize/Token paging", get_apps_paging)

    # ---- settings ---------------------------------------------------------------------------------------------
    def get_settings():
        settings = pinpoint.get_application_settings(ApplicationId=app["Id"])["ApplicationSettingsResource"]
        expect(settings["ApplicationId"] == app["Id"], f"ApplicationId {settings.get('ApplicationId')!r}")
        expect("LastModifiedDate" in settings, "no LastModifiedDate")
    check("pinpoint GetApplicationSettings", get_settings)

    def update_settings():
        updated = pinpoint.update_application_settings(ApplicationId=app["Id"], WriteApplicationSettingsRequest={
            "CloudWatchMetricsEnabled": True, "QuietTime": {"Start": "22:00", "End": "06:30"},
            "Limits": {"Daily": 5, "MessagesPerSecond": 50}})["ApplicationSettingsResource"]
        expect(updated["QuietTime"] == {"Start": "22:00", "End": "06:30"}, f"QuietTime {updated.get('QuietTime')!r}")
        expect(updated["Limits"]["Daily"] == 5 and updated["Limits"]["MessagesPerSecond"] == 50, f"Limits {updated.get('Limits')!r}")
        again = pinpoint.get_application_settings(ApplicationId=app["Id"])["ApplicationSettingsResource"]
        expect(again["QuietTime"] == updated["QuietTime"] and again["Limits"] == updated["Limits"], "update not kept")
    check("pinpoint UpdateApplicationSettings (and read back)", update_settings)

    check("pinpoint UpdateApplicationSettings bad QuietTime -> BadRequestException 400", lambda: expect_error(
        lambda: pinpoint.update_application_settings(ApplicationId=app["Id"], WriteApplicationSettingsRequest={
            "QuietTime": {"Start": "25:00", "End": "06:00"}}), "BadRequestException", 400))

    # ---- tags ---------------------------------------------------------------------------------------------------
    def tags():
        pinpoint.tag_resource(ResourceArn=app["Arn"], TagsModel={"tags": {"env": "test", "owner": "compat"}})
        listed = pinpoint.list_tags_for_resource(ResourceArn=app["Arn"])["TagsModel"]["tags"]
        expect(listed == {"team": "qa", "env": "test", "owner": "compat"}, f"after TagResource: {listed!r}")
        pinpoint.untag_resource(ResourceArn=app["Arn"], TagKeys=["team", "owner"])
        listed = pinpoint.list_tags_for_resource(ResourceArn=app["Arn"])["TagsModel"]["tags"]
        expect(listed == {"env": "test"}, f"after UntagResource: {listed!r}")
    check("pinpoint TagResource, ListTagsForResource, UntagResource", tags)

    check("pinpoint TagResource with an aws: key -> BadRequestException 400", lambda: expect_error(
        lambda: pinpoint.tag_resource(ResourceArn=app["Arn"], TagsModel={"tags": {"aws:reserved": "x"}}),
        "BadRequestException", 400))
    check("pinpoint ListTagsForResource of a missing app -> NotFoundException 404", lambda: expect_error(
        lambda: pinpoint.list_tags_for_resource(ResourceArn=f"arn:aws:mobiletargeting:{REGION}:{account}:apps/{'0' * 32}"),
        "NotFoundException", 404))

    # ---- event stream -------------------------------------------------------------------------------------------
    stream_arn = f"arn:aws:kinesis:{REGION}:{account}:stream/compat-{RUN}"
    role_arn = f"arn:aws:iam::{account}:role/compat-stream"

    def event_stream():
        put = pinpoint.put_event_stream(ApplicationId=app["Id"], WriteEventStream={
            "DestinationStreamArn": stream_arn, "RoleArn": role_arn})["EventStream"]
        expect(put["ApplicationId"] == app["Id"] and put["DestinationStreamArn"] == stream_arn
               and put["RoleArn"] == role_arn, f"PutEventStream returned {put!r}")
        got = pinpoint.get_event_stream(ApplicationId=app["Id"])["EventStream"]
        expect(got == put, f"GetEventStream {got!r} != {put!r}")
        deleted = pinpoint.delete_event_stream(ApplicationId=app["Id"])["EventStream"]
        expect(deleted == put, f"DeleteEventStream {deleted!r} != {put!r}")
        return expect_error(lambda: pinpoint.get_event_stream(ApplicationId=app["Id"]), "NotFoundException", 404)
    check("pinpoint PutEventStream, GetEventStream, DeleteEventStream (then NotFound)", event_stream)

    check("pinpoint PutEventStream with a bad stream ARN -> BadRequestException 400", lambda: expect_error(
        lambda: pinpoint.put_event_stream(ApplicationId=app["Id"], WriteEventStream={
            "DestinationStreamArn": "not-an-arn", "RoleArn": role_arn}), "BadRequestException", 400))

    # ---- OTP and phone numbers ------------------------------------------------------------------------------
    def otp():
        pinpoint.update_sms_channel(ApplicationId=app["Id"], SMSChannelRequest={"Enabled": True})
        sent = pinpoint.send_otp_message(ApplicationId=app["Id"], SendOTPMessageRequestParameters={
            "BrandName": "Compat", "Channel": "SMS", "DestinationIdentity": "+12065550100",
            "OriginationIdentity": "+12065550101", "ReferenceId": f"compat-{RUN}"})["MessageResponse"]
        result = sent["Result"]["+12065550100"]
        expect(result["DeliveryStatus"] == "SUCCESSFUL" and result["StatusCode"] == 200, f"SendOTPMessage {sent!r}")
        verified = pinpoint.verify_otp_message(ApplicationId=app["Id"], VerifyOTPMessageRequestParameters={
            "DestinationIdentity": "+12065550100", "ReferenceId": f"compat-{RUN}", "Otp": "not-the-code"})
        expect(verified["VerificationResponse"] == {"Valid": False}, f"VerifyOTPMessage {verified!r}")
        return result["MessageId"]
    check("pinpoint SendOTPMessage (SUCCESSFUL), VerifyOTPMessage of a wrong code (Valid false)", otp)

    def phone_number():
        got = pinpoint.phone_number_validate(NumberValidateRequest={"PhoneNumber": "+1 206 555 0142"})
        got = got["NumberValidateResponse"]
        expect(got["CleansedPhoneNumberE164"] == "+12065550142" and got["CountryCodeIso2"] == "US"
               and got["PhoneType"] == "MOBILE" and got["PhoneTypeCode"] == 0, f"PhoneNumberValidate {got!r}")
        return got["Timezone"]
    check("pinpoint PhoneNumberValidate", phone_number)

    # ---- errors -------------------------------------------------------------------------------------------------
    check("pinpoint GetApp of a missing app -> NotFoundException 404", lambda: expect_error(
        lambda: pinpoint.get_app(ApplicationId="missing"), "NotFoundException", 404))
    check("pinpoint CreateApp with a blank Name -> BadRequestException 400", lambda: expect_error(
        lambda: pinpoint.create_app(CreateApplicationRequest={"Name": "  "}), "BadRequestException", 400))
    check("pinpoint GetApps with PageSize 0 -> BadRequestException 400", lambda: expect_error(
        lambda: pinpoint.get_apps(PageSize="0"), "BadRequestException", 400))

    def delete_app():
        deleted = pinpoint.delete_app(ApplicationId=app["Id"])["ApplicationResponse"]
        expect(deleted["Id"] == app["Id"] and deleted["Name"] == app["Name"], f"DeleteApp returned {deleted!r}")
        return expect_error(lambda: pinpoint.get_app(ApplicationId=app["Id"]), "NotFoundException", 404)
    check("pinpoint DeleteApp (then GetApp -> NotFound)", delete_app)
    check("pinpoint DeleteApp of a missing app -> NotFoundException 404", lambda: expect_error(
        lambda: pinpoint.delete_app(ApplicationId=app["Id"]), "NotFoundException", 404))

    # ---- STS sessions -------------------------------------------------------------------------------------------
    def session_token():
        creds = sts.get_session_token(DurationSeconds=900)["Credentials"]
        expect(creds["AccessKeyId"].startswith("ASIA"), f"AccessKeyId {creds['AccessKeyId']!r}")
        expect(creds["SecretAccessKey"] and creds["SessionToken"], "no secret or token")
        temp_pinpoint, temp_sts = clients_from(creds)
        me = temp_sts.get_caller_identity()
        expect(me["Arn"] == f"arn:aws:iam::{account}:root", f"session caller {me['Arn']!r}")
        temp_pinpoint.get_apps(PageSize="1")
        return f"expires {creds['Expiration'].isoformat()}"
    check("sts GetSessionToken (and use it)", session_token)

    def federation_token():
        policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["mobiletargeting:GetApps", "mobiletargeting:GetApp"], "Resource": "*"}]})
        out = sts.get_federation_token(Name="compat-fed", Policy=policy, DurationSeconds=900)
        expect(out["FederatedUser"]["Arn"] == f"arn:aws:sts::{account}:federated-user/compat-fed",
               f"FederatedUser {out['FederatedUser']!r}")
        expect(out["FederatedUser"]["FederatedUserId"] == f"{account}:compat-fed", "FederatedUserId")
        expect("PackedPolicySize" in out, "no PackedPolicySize")
        fed_pinpoint, fed_sts = clients_from(out["Credentials"])
        me = fed_sts.get_caller_identity()
        expect(me["Arn"] == out["FederatedUser"]["Arn"], f"federated caller {me['Arn']!r}")
        fed_pinpoint.get_apps(PageSize="1")
        return expect_error(lambda: fed_pinpoint.create_app(CreateApplicationRequest={"Name": "denied"}),
                            "AccessDeniedException", 403)
    check("sts GetFederationToken with a Policy (allowed GetApps, denied CreateApp)", federation_token)

    check("sts AssumeRole as root -> AccessDenied 403", lambda: expect_error(
        lambda: sts.assume_role(RoleArn=ROLE_ARN or f"arn:aws:iam::{account}:role/none", RoleSessionName="root"),
        "AccessDenied", 403))

    def user_identity():
        expect(USER_PROFILE, "USER_PROFILE is not set")
        me = session(USER_PROFILE).client("sts", config=NO_RETRIES).get_caller_identity()
        expect(re.fullmatch(rf"arn:aws:iam::{account}:user/.+", me["Arn"]), f"user Arn {me['Arn']!r}")
        expect(me["UserId"].startswith("AIDA"), f"UserId {me['UserId']!r}")
        return me["Arn"]
    check("sts GetCallerIdentity (IAM user)", user_identity)

    def assume_role():
        expect(USER_PROFILE and ROLE_ARN, "USER_PROFILE and ROLE_ARN must be set")
        user_sts = session(USER_PROFILE).client("sts", config=NO_RETRIES)
        out = user_sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="compat-session", DurationSeconds=900)
        role_name = ROLE_ARN.rsplit("/", 1)[1]
        expected_arn = f"arn:aws:sts::{account}:assumed-role/{role_name}/compat-session"
        expect(out["AssumedRoleUser"]["Arn"] == expected_arn, f"AssumedRoleUser {out['AssumedRoleUser']!r}")
        expect(out["AssumedRoleUser"]["AssumedRoleId"].endswith(":compat-session"), "AssumedRoleId")
        expect(out["Credentials"]["AccessKeyId"].startswith("ASIA"), "AccessKeyId")
        role_pinpoint, role_sts = clients_from(out["Credentials"])
        me = role_sts.get_caller_identity()
        expect(me["Arn"] == expected_arn, f"assumed-role caller {me['Arn']!r}")
        role_pinpoint.get_apps(PageSize="1")
        return expected_arn
    check("sts AssumeRole (user -> role, and use the session)", assume_role)

    check("sts AssumeRole of a role that does not exist -> AccessDenied 403", lambda: expect_error(
        lambda: session(USER_PROFILE).client("sts", config=NO_RETRIES).assume_role(
            RoleArn=f"arn:aws:iam::{account}:role/no-such-role", RoleSessionName="nope"), "AccessDenied", 403))

    # ---- the AWS CLI ----------------------------------------------------------------------------------------------
    cli_env = dict(os.environ, AWS_DEFAULT_REGION=REGION, AWS_MAX_ATTEMPTS="1", AWS_PAGER="")

    def aws(*args):
        return subprocess.run(["aws", *args, "--output", "json"], env=cli_env, capture_output=True, text=True,
                              timeout=120)

    def cli_ok(*args):
        result = aws(*args)
        expect(result.returncode == 0, f"aws {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
        return json.loads(result.stdout) if result.stdout.strip() else {}

    def cli_create_app():
        out = cli_ok("pinpoint", "create-app", "--create-application-request", f"Name=compat-cli-{RUN}")
        state["cli_app"] = out["ApplicationResponse"]
        expect(out["ApplicationResponse"]["Name"] == f"compat-cli-{RUN}", f"{out!r}")
        return out["ApplicationResponse"]["Id"]
    check("aws pinpoint create-app", cli_create_app)

    def cli_get_apps():
        out = cli_ok("pinpoint", "get-apps")
        ids = [item["Id"] for item in out["ApplicationsResponse"]["Item"]]
        expect(state.get("cli_app", {}).get("Id") in ids, f"CLI-created app not in {ids!r}")
        return f"{len(ids)} apps"
    check("aws pinpoint get-apps", cli_get_apps)

    def cli_caller():
        out = cli_ok("sts", "get-caller-identity")
        expect(out["Arn"] == f"arn:aws:iam::{account}:root", f"{out!r}")
    check("aws sts get-caller-identity", cli_caller)

    def cli_missing():
        result = aws("pinpoint", "get-app", "--application-id", "missing")
        expect(result.returncode in (254, 255), f"exit code {result.returncode}, stderr {result.stderr.strip()!r}")
        expect("NotFoundException" in result.stderr, f"stderr {result.stderr.strip()!r}")
        return f"exit {result.returncode}: {result.stderr.strip()}"
    check("aws pinpoint get-app --application-id missing fails with NotFoundException", cli_missing)

    def cli_delete():
        out = cli_ok("pinpoint", "delete-app", "--application-id", state["cli_app"]["Id"])
        expect(out["ApplicationResponse"]["Id"] == state["cli_app"]["Id"], f"{out!r}")
    check("aws pinpoint delete-app", cli_delete)

    lookup_checks(state, account, aws, cli_ok)
    trail_checks(account, aws, cli_ok)


def trail_checks(account, aws, cli_ok):
    """Trails as the README shows them, all through the AWS CLI: a bucket and its policy, a multi-region trail,
    calls in two regions, the delivered log files listed and read back, status, stop and delete."""
    import gzip
    import tempfile
    import time
    bucket = f"compat-trail-{RUN}"
    trail = f"compat-{RUN}"
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetBucketAcl",
         "Resource": f"arn:aws:s3:::{bucket}"},
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{bucket}/AWSLogs/{account}/*",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]}
    work = tempfile.mkdtemp()

    def create():
        result = aws("s3", "mb", f"s3://{bucket}")
        expect(result.returncode == 0, f"aws s3 mb: {result.stderr.strip()}")
        with open(os.path.join(work, "policy.json"), "w") as f:
            json.dump(policy, f)
        result = aws("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", "file://" + os.path.join(work, "policy.json"))
        expect(result.returncode == 0, f"put-bucket-policy: {result.stderr.strip()}")
        out = cli_ok("cloudtrail", "create-trail", "--name", trail, "--s3-bucket-name", bucket, "--is-multi-region-trail")
        expect(out["TrailARN"] == f"arn:aws:cloudtrail:{REGION}:{account}:trail/{trail}", f"{out!r}")
        expect(out["IsMultiRegionTrail"] is True and out["IsOrganizationTrail"] is False, f"{out!r}")
        cli_ok("cloudtrail", "start-logging", "--name", trail)
        expect(cli_ok("cloudtrail", "get-trail-status", "--name", trail)["IsLogging"] is True, "not logging")
    check("aws s3 mb, s3api put-bucket-policy, cloudtrail create-trail and start-logging", create)

    def delivered():
        east = cli_ok("pinpoint", "create-app", "--create-application-request", f"Name=trail-east-{RUN}")
        west = cli_ok("pinpoint", "create-app", "--create-application-request", f"Name=trail-west-{RUN}",
                      "--region", "eu-west-1")
        wanted = {east["ApplicationResponse"]["Id"], west["ApplicationResponse"]["Id"]}
        key_pattern = re.compile(rf"AWSLogs/{account}/CloudTrail/(us-east-1|eu-west-1)/\d{{4}}/\d{{2}}/\d{{2}}/"
                                 rf"{account}_CloudTrail_\1_\d{{8}}T\d{{4}}Z_[A-Za-z0-9]{{16}}\.json\.gz")
        deadline = time.time() + 30
        seen = set()
        while time.time() < deadline and not wanted <= seen:
            time.sleep(0.5)
            listing = aws("s3", "ls", f"s3://{bucket}/", "--recursive")
            expect(listing.returncode == 0, f"aws s3 ls: {listing.stderr.strip()}")
            for line in listing.stdout.splitlines():
                key = line.split()[-1]
                expect(key_pattern.fullmatch(key), f"unexpected key {key}")
                target = os.path.join(work, "file.json.gz")
                got = aws("s3", "cp", f"s3://{bucket}/{key}", target)
                expect(got.returncode == 0, f"aws s3 cp: {got.stderr.strip()}")
                with gzip.open(target) as f:
                    for record in json.load(f)["Records"]:
                        if record["eventName"] == "CreateApp" and record.get("responseElements"):
                            seen.add(record["responseElements"]["Id"])
        expect(wanted <= seen, f"apps {wanted - seen} not in a delivered log file")
        status = cli_ok("cloudtrail", "get-trail-status", "--name", trail)
        expect("LatestDeliveryTime" in status, f"{status!r}")
        return f"{len(seen)} CreateApp records read back"
    check("calls in two regions arrive in delivered log files (aws s3 ls --recursive, aws s3 cp)", delivered)

    def stop_and_delete():
        cli_ok("cloudtrail", "stop-logging", "--name", trail)
        expect(cli_ok("cloudtrail", "get-trail-status", "--name", trail)["IsLogging"] is False, "still logging")
        names = [t["Name"] for t in cli_ok("cloudtrail", "describe-trails")["trailList"]]
        expect(trail in names, f"{names!r}")
        cli_ok("cloudtrail", "delete-trail", "--name", trail)
        result = aws("cloudtrail", "get-trail-status", "--name", trail)
        expect(result.returncode != 0 and "TrailNotFoundException" in result.stderr, result.stderr.strip())
    check("aws cloudtrail stop-logging, describe-trails, delete-trail", stop_and_delete)

    def no_organization():
        result = aws("organizations", "describe-organization")
        expect(result.returncode != 0 and "AWSOrganizationsNotInUseException" in result.stderr, result.stderr.strip())
        return result.stderr.strip()
    check("aws organizations describe-organization outside an organization -> AWSOrganizationsNotInUseException",
          no_organization)


def lookup_checks(state, account, aws, cli_ok):
    """Event history: LookupEvents through boto3 and `aws cloudtrail lookup-events`, every attribute, paging, errors."""
    cloudtrail = session(PROFILE).client("cloudtrail", endpoint_url=ENDPOINT or None, config=NO_RETRIES)

    def lookup(key, value):
        out = cli_ok("cloudtrail", "lookup-events", "--lookup-attributes", f"AttributeKey={key},AttributeValue={value}")
        return out["Events"]

    def by_each_attribute():
        created = lookup("EventName", "CreateApp")
        expect(created, "no CreateApp events")
        first = created[0]
        expect(first["ReadOnly"] == "false" and first["EventSource"] == "pinpoint.amazonaws.com", f"{first!r}")
        record = json.loads(first["CloudTrailEvent"])
        expect(record["eventName"] == "CreateApp" and record["recipientAccountId"] == account, f"{record!r}")
        expect([e["EventId"] for e in lookup("EventId", first["EventId"])] == [first["EventId"]], "EventId")
        expect(all(e["ReadOnly"] == "true" for e in lookup("ReadOnly", "true")), "ReadOnly")
        expect(all(e.get("Username") == "root" for e in lookup("Username", "root")), "Username")
        expect(any(r["ResourceType"] == "AWS::Pinpoint::App" for e in lookup("ResourceType", "AWS::Pinpoint::App")
                   for r in e["Resources"]), "ResourceType")
        arn = first["Resources"][0]["ResourceName"]
        expect(all(any(r["ResourceName"] == arn for r in e["Resources"]) for e in lookup("ResourceName", arn)),
               "ResourceName")
        expect(all(e["EventSource"] == "sts.amazonaws.com" for e in lookup("EventSource", "sts.amazonaws.com")),
               "EventSource")
        key = first["AccessKeyId"]
        expect(all(e["AccessKeyId"] == key for e in lookup("AccessKeyId", key)), "AccessKeyId")
        return f"{len(created)} CreateApp events"
    check("aws cloudtrail lookup-events by each of the eight attributes", by_each_attribute)

    def paging():
        everything = cli_ok("cloudtrail", "lookup-events", "--page-size", "3")["Events"]
        ids = [e["EventId"] for e in everything]
        expect(len(ids) == len(set(ids)) and len(ids) > 10, f"{len(ids)} events, {len(set(ids))} distinct")
        page = cloudtrail.lookup_events(MaxResults=2)
        second = cloudtrail.lookup_events(MaxResults=2, NextToken=page["NextToken"])
        expect(not {e["EventId"] for e in page["Events"]} & {e["EventId"] for e in second["Events"]}, "pages overlap")
        return f"{len(ids)} events in pages of 3"
    check("aws cloudtrail lookup-events pages without duplicates (CLI and boto3)", paging)

    def cli_error(args, code):
        result = aws("cloudtrail", "lookup-events", *args)
        expect(result.returncode in (252, 254, 255) and code in result.stderr,
               f"exit {result.returncode}, stderr {result.stderr.strip()!r}")

    check("aws cloudtrail lookup-events --page-size 51 -> InvalidMaxResultsException",
          lambda: cli_error(["--page-size", "51"], "InvalidMaxResultsException"))
    check("aws cloudtrail lookup-events with two attributes -> InvalidLookupAttributesException",
          lambda: cli_error(["--lookup-attributes", "AttributeKey=EventName,AttributeValue=a",
                             "AttributeKey=Username,AttributeValue=b"], "InvalidLookupAttributesException"))
    check("aws cloudtrail lookup-events with start after end -> InvalidTimeRangeException",
          lambda: cli_error(["--start-time", "2030-01-01T00:00:00Z", "--end-time", "2020-01-01T00:00:00Z"],
                            "InvalidTimeRangeException"))
    check("cloudtrail LookupEvents with a forged NextToken -> InvalidNextTokenException 400", lambda: expect_error(
        lambda: cloudtrail.lookup_events(NextToken="forged"), "InvalidNextTokenException", 400))
    check("cloudtrail LookupEvents with ReadOnly=maybe -> InvalidLookupAttributesException 400", lambda: expect_error(
        lambda: cloudtrail.lookup_events(LookupAttributes=[{"AttributeKey": "ReadOnly", "AttributeValue": "maybe"}]),
        "InvalidLookupAttributesException", 400))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - a crash of the script itself is one more failure
        failed += 1
        print(f"FAIL compat script: {type(e).__name__}: {e}", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)
