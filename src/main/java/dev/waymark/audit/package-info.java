// SPDX-License-Identifier: Apache-2.0
/**
 * The CloudTrail record of every call: built from the call and its outcome ({@link dev.waymark.audit.CallFacts}),
 * masked by the masking table, and appended to the event log in the same transaction as the change it describes.
 */
package dev.waymark.audit;
