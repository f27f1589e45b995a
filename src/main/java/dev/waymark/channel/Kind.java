// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

/** What a message is: an e-mail, a voice call, a text message, or an event for an event destination. */
public enum Kind {
    EMAIL,
    VOICE,
    SMS,
    EVENT
}
