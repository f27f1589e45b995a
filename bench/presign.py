# SPDX-License-Identifier: Apache-2.0
"""Writes a wrk Lua script that sends one SigV4-signed request (signed here with botocore, once).

SigV4 signatures are valid for 15 minutes and Waymark verifies every request it receives, so replaying one signed
request measures the server's full verification cost while the client spends almost nothing per request. A replayed
CreateApp creates a new application each time (names need not be unique).

Usage: presign.py CREDENTIALS_FILE PROFILE METHOD URL [BODY] > script.lua
"""
import configparser
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

parser = configparser.ConfigParser()
parser.read(sys.argv[1])
profile = parser[sys.argv[2]]
credentials = Credentials(profile["aws_access_key_id"], profile["aws_secret_access_key"])
method, url = sys.argv[3], sys.argv[4]
body = sys.argv[5] if len(sys.argv) > 5 else ""
request = AWSRequest(method=method, url=url, data=body.encode(),
                     headers={"Content-Type": "application/json"} if body else {})
SigV4Auth(credentials, "mobiletargeting", "us-east-1").add_auth(request)
print(f'wrk.method = "{method}"')
if body:
    print(f"wrk.body = {json.dumps(body)}")
for name, value in request.headers.items():
    print(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
