// SPDX-License-Identifier: Apache-2.0
/**
 * The server: command line, typed configuration, the HTTP listener, and the request pipeline — the one place that
 * knows every part and wires them: verify → decode → authorize → open transaction → handler → record → commit →
 * encode.
 */
package dev.waymark.server;
