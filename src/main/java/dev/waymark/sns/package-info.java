// SPDX-License-Identifier: Apache-2.0
/**
 * The embedded topics: the SNS subset Waymark serves (awsQuery, signing name {@code sns}) so that trails can
 * announce delivered log files to HTTP and HTTPS subscribers, and clients can manage topics with the AWS SDKs and
 * the CLI. Topics, subscriptions and the outbox of messages still to be sent live in the store; a message a
 * Publish acknowledged was committed with the call, and {@link dev.waymark.sns.SnsDelivery} POSTs it, signed, until
 * the endpoint takes it. {@link dev.waymark.sns.Topics} is the API other services publish through.
 */
package dev.waymark.sns;
