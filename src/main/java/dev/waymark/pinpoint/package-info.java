// SPDX-License-Identifier: Apache-2.0
/**
 * The Amazon Pinpoint API (2016-12-01): applications with their settings and event streams, endpoints and users,
 * events (PutEvents), segments evaluated by one engine ({@link dev.waymark.pinpoint.SegmentEngine}), import and
 * export jobs of endpoint files through {@link dev.waymark.core.ObjectStore}, the KPIs
 * computable from stored events, and resource tags of applications and segments. Handlers read inputs and write
 * outputs by the model's member names; they know nothing of HTTP.
 */
package dev.waymark.pinpoint;
