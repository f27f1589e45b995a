// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

/**
 * What a message is: an e-mail, a voice call, a text message, a push notification (Pinpoint's push channels: no push
 * service is reachable, so it goes to the webhook or stays in the local outbox), or an event for an event destination.
 */
public enum Kind {
    EMAIL,
    VOICE,
    SMS,
    PUSH,
    EVENT
}
