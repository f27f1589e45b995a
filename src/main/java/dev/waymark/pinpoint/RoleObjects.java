// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.ObjectStore;
import dev.waymark.core.Principal;
import dev.waymark.core.ServiceRoles;
import java.util.List;

/**
 * The object store as a job's role session sees it: every call authorized against the role's policies first, with
 * the actions and resources S3 checks ({@code s3:ListBucket} on the bucket, {@code s3:GetObject} and
 * {@code s3:PutObject} on the object), refused with S3's {@code AccessDenied}.
 */
final class RoleObjects implements ObjectStore {
    private final ObjectStore objects;
    private final ServiceRoles roles;
    private final Principal session;
    private final String region;

    RoleObjects(ObjectStore objects, ServiceRoles roles, Principal session, String region) {
        this.objects = objects;
        this.roles = roles;
        this.session = session;
        this.region = region;
    }

    @Override
    public byte[] get(String accountId, String bucket, String key) {
        roles.authorize(session, "s3:GetObject", "arn:aws:s3:::" + bucket + "/" + key, region);
        return objects.get(accountId, bucket, key);
    }

    @Override
    public List<String> list(String accountId, String bucket, String prefix) {
        roles.authorize(session, "s3:ListBucket", "arn:aws:s3:::" + bucket, region);
        return objects.list(accountId, bucket, prefix);
    }

    @Override
    public void put(String accountId, String bucket, String key, byte[] body, String contentType) {
        roles.authorize(session, "s3:PutObject", "arn:aws:s3:::" + bucket + "/" + key, region);
        objects.put(accountId, bucket, key, body, contentType);
    }
}
