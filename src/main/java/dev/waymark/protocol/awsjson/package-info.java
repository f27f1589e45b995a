// SPDX-License-Identifier: Apache-2.0
/** The awsJson1_1 protocol (CloudTrail): {@code X-Amz-Target} operations, JSON in and out, {@code __type} errors. */
package dev.waymark.protocol.awsjson;
