// SPDX-License-Identifier: Apache-2.0
/**
 * The Amazon Pinpoint API (2016-12-01): applications with their settings and event streams, endpoints and users,
 * events (PutEvents), segments evaluated by one engine ({@link dev.waymark.pinpoint.SegmentEngine}), import and
 * export jobs of endpoint files through {@link dev.waymark.core.ObjectStore}, channels (credentials sealed at rest),
 * message templates with versions, direct messages (SendMessages, SendUsersMessages) and campaigns — scheduled by
 * {@link dev.waymark.pinpoint.CampaignRunner} or triggered by events — sent through the {@code channel} package by
 * one sender ({@code MessageSender}) with personalisation, the KPIs computable from stored events and campaign
 * activities, and resource tags. Handlers read inputs and write outputs by the model's member names; they know
 * nothing of HTTP. {@link dev.waymark.pinpoint.EmailTemplates} is the one public door for other services (Pinpoint
 * Email's templated SendEmail).
 */
package dev.waymark.pinpoint;
