// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code s3://bucket/prefix} URL of an import or export job, parsed; the prefix may be empty. */
record S3Location(String bucket, String prefix) {
    private static final Pattern URL = Pattern.compile("s3://([a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9])(?:/(.*))?");

    static S3Location parse(String member, String url) {
        Matcher matcher = URL.matcher(url == null ? "" : url);
        if (!matcher.matches()) {
            throw PinpointErrors.badRequest(member + " must be an S3 URL of the form s3://bucket/prefix: '" + url + "'");
        }
        return new S3Location(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
    }

    /** The prefix as a folder: empty, or ending with a slash. */
    String folder() {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
