// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import java.time.Instant;

/**
 * Roles that Waymark's own services assume for work they do later on an account's behalf, as AWS services assume a
 * role passed to them (Pinpoint's import and export jobs take a RoleArn): the role must be in that account, its trust
 * policy must let the service's principal (such as {@code pinpoint.amazonaws.com}) perform {@code sts:AssumeRole},
 * and what the work does is then authorized against the role's own policies. Implemented by the iam package.
 */
public interface ServiceRoles {
    /** The service's session of the role (type AssumedRole, session name as given), or {@link Refused}. */
    Principal assume(String accountId, String roleArn, String servicePrincipal, String sessionName, Instant now);

    /** Throws S3's AccessDenied ({@link AwsException}) when the session's policies do not allow the action. */
    void authorize(Principal session, String action, String resource, String region);

    /** Why a role cannot be assumed; the message says it for the job's Failures. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
