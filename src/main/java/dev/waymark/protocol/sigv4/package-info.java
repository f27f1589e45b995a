// SPDX-License-Identifier: Apache-2.0
/**
 * SigV4 verification of incoming requests (Authorization header and presigned query strings): the canonical
 * request recomputed from the raw request, the signing key derived (and cached), signatures compared in constant
 * time, and each failure mapped to the error AWS sends for it.
 */
package dev.waymark.protocol.sigv4;
