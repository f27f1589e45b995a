// SPDX-License-Identifier: Apache-2.0
/**
 * The Amazon Pinpoint SMS and Voice API, version 1 (2018-09-05): configuration sets, their event destinations, and
 * SendVoiceMessage, which renders the call, hands it to the voice channel (the webhook or the local outbox of the
 * channel package) and emits the call's events (INITIATED_CALL, RINGING, ANSWERED, COMPLETED_CALL or FAILED) to
 * the event destinations of the call's configuration set. Handlers know nothing of HTTP.
 */
package dev.waymark.smsvoice;
