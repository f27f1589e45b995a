// SPDX-License-Identifier: Apache-2.0
/**
 * The restJson1 protocol (Pinpoint, Pinpoint Email, SMS and Voice, Waymark's own API): operations by method and
 * URI template matched on the raw path, {@code x-amzn-ErrorType} errors.
 */
package dev.waymark.protocol.restjson;
