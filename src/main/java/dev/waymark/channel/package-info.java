// SPDX-License-Identifier: Apache-2.0
/**
 * Message delivery for the messaging services (Pinpoint Email, SMS and Voice, and Pinpoint's messages and campaigns): a
 * durable outbox in the store, written in the same transaction as the call that accepts a message, and a
 * dispatcher that hands each message to its provider — SMTP (Jakarta Mail), an HTTP webhook, embedded SNS topics,
 * or the local outbox and event log that keep messages in the store — and retries failures with exponential
 * backoff. Services know nothing of SMTP or HTTP; they accept messages and events and listen for outcomes.
 */
package dev.waymark.channel;
