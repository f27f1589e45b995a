// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.core.AwsException;

/** CloudTrail's modelled errors (all 400), with AWS's messages where they are known (cloudtrail.md §1.1). */
final class TrailErrors {
    private TrailErrors() {
    }

    static AwsException of(String code, String message) {
        return AwsException.modelled(code, message);
    }

    static AwsException notFound(String nameOrArn, String accountId) {
        return of("TrailNotFoundException", "Unknown trail: " + nameOrArn + " for the user: " + accountId);
    }

    static AwsException notManagementAccount(String accountId) {
        return of("NotOrganizationMasterAccountException", "The request was made from account " + accountId
                + ", which is not the management account of its organization; only the management account can create "
                + "or change an organization trail.");
    }

    static AwsException organizationsNotInUse(String accountId) {
        return of("OrganizationsNotInUseException", "Account " + accountId + " is not a member of an organization.");
    }

    static AwsException notHomeRegion(Trail trail, String region) {
        return of("InvalidHomeRegionException", "This operation must be called from the trail's home region ("
                + trail.homeRegion() + "); it was called in " + region + ".");
    }
}
