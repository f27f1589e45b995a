// SPDX-License-Identifier: Apache-2.0
/**
 * The few types every part of Waymark shares: the calling {@link dev.waymark.core.Principal}, a row of an
 * operation table ({@link dev.waymark.core.OperationSpec}), the {@link dev.waymark.core.Invocation} a handler
 * receives, and the one error taxonomy ({@link dev.waymark.core.AwsException}). Depends on nothing else in Waymark.
 */
package dev.waymark.core;
