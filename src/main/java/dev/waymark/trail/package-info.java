// SPDX-License-Identifier: Apache-2.0
/**
 * CloudTrail trails: the trails API (create, update, delete, describe, status, logging on and off, event and
 * insight selectors, tags) with AWS's validation. Delivery of log files and digests is not built yet.
 */
package dev.waymark.trail;
