// SPDX-License-Identifier: Apache-2.0
/**
 * The Amazon Pinpoint API (2016-12-01): applications, their settings and event streams, and resource tags so far.
 * Handlers read inputs and write outputs by the model's member names; they know nothing of HTTP.
 */
package dev.waymark.pinpoint;
