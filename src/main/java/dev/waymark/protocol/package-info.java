// SPDX-License-Identifier: Apache-2.0
/**
 * Wire protocols: the only code that knows HTTP and wire formats. Each {@link dev.waymark.protocol.ServerProtocol}
 * resolves an operation, decodes its input against the AWS service model into a JSON tree keyed by model member
 * names, encodes outputs and renders {@link dev.waymark.core.AwsException}s exactly as the AWS SDK parsers read them.
 * SigV4 verification lives in {@code sigv4}. Depends on {@code core} only.
 */
package dev.waymark.protocol;
