// SPDX-License-Identifier: Apache-2.0
/** The awsQuery protocol (STS, SNS): form parameters in, XML out, {@code <ErrorResponse>} errors. */
package dev.waymark.protocol.awsquery;
