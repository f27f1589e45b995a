// SPDX-License-Identifier: Apache-2.0
/**
 * The Amazon Pinpoint Email API (2018-07-26): configuration sets and their event destinations, email identities
 * (verification simulated as succeeding), dedicated IP pools, the account's sending settings, the deliverability
 * dashboard (state and empty reports), tags, and SendEmail, which composes the message, refuses unverified senders
 * as SES does, and hands it to the channel package (SMTP, else the local outbox). Handlers know nothing of HTTP.
 */
package dev.waymark.email;
