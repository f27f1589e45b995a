# SPDX-License-Identifier: Apache-2.0
"""Writes a wrk Lua script sending UpdateEndpointsBatch requests of 100 new endpoints each, every request with a
different body, under one SigV4 signature made with UNSIGNED-PAYLOAD (the signature covers the method, path, host,
date and the x-amz-content-sha256 header, not the body; SigV4 allows this and Waymark verifies it on every request),
so that wrk, not a Java client, generates the load and the figure is the server's.

Usage: unsigned.py CREDENTIALS_FILE PROFILE URL > script.lua   (URL: http://host:port/v1/apps/<app-id>/endpoints)
"""
import configparser
import datetime
import hashlib
import hmac
import sys
import urllib.parse

parser = configparser.ConfigParser()
parser.read(sys.argv[1])
profile = parser[sys.argv[2]]
key, secret = profile["aws_access_key_id"], profile["aws_secret_access_key"]
url = urllib.parse.urlsplit(sys.argv[3])
now = datetime.datetime.now(datetime.timezone.utc)
amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
scope = f"{day}/us-east-1/mobiletargeting/aws4_request"
signed = "host;x-amz-content-sha256;x-amz-date"
canonical = "\n".join(["PUT", url.path, "", f"host:{url.netloc}", "x-amz-content-sha256:UNSIGNED-PAYLOAD",
                       f"x-amz-date:{amz_date}", "", signed, "UNSIGNED-PAYLOAD"])
to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
signing = ("AWS4" + secret).encode()
for part in (day, "us-east-1", "mobiletargeting", "aws4_request"):
    signing = hmac.new(signing, part.encode(), hashlib.sha256).digest()
signature = hmac.new(signing, to_sign.encode(), hashlib.sha256).hexdigest()
print(f'''
local threads = 0
local path = "{url.path}"
local headers = {{
  ["Content-Type"] = "application/json",
  ["X-Amz-Date"] = "{amz_date}",
  ["X-Amz-Content-SHA256"] = "UNSIGNED-PAYLOAD",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={signed}, Signature={signature}",
}}
local platforms = {{"ios", "android", "web"}}
local countries = {{"USA", "DEU", "FRA", "JPN", "BRA"}}
local tiers = {{"free", "silver", "gold", "platinum"}}

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local batch = 0
function request()
  batch = batch + 1
  local items = {{}}
  for j = 1, 100 do
    local i = ((batch * 64 + tid) * 100) + j
    items[j] = string.format('{{"Id":"endpoint-%d","ChannelType":"EMAIL","Address":"user%d@example.com",' ..
      '"Demographic":{{"Platform":"%s","Make":"Make%d"}},"Location":{{"Country":"%s","City":"City%d"}},' ..
      '"Attributes":{{"tier":["%s"],"interests":["a%d","b%d"]}},"Metrics":{{"visits":%d}},' ..
      '"User":{{"UserId":"user-%d","UserAttributes":{{"plan":["p%d"]}}}}}}',
      i, i, platforms[i % 3 + 1], i % 7, countries[i % 5 + 1], i % 100, tiers[math.floor(i / 3) % 4 + 1], i % 11, i % 13,
      i % 50, math.floor(i / 2), i % 3)
  end
  return wrk.format("PUT", path, headers, '{{"Item":[' .. table.concat(items, ",") .. ']}}')
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %d %.2f\\n", summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(99) / 1000))
end
''')
