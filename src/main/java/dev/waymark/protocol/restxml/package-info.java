// SPDX-License-Identifier: Apache-2.0
/**
 * The restXml wire protocol as S3 speaks it, path-style: routing by method, path template and literal query keys;
 * input from labels, query, headers, XML or raw payloads (S3's aws-chunked bodies decoded and their checksums
 * verified); output as headers, status and S3 XML; errors as S3's {@code <Error>} document. Thread-safe.
 */
package dev.waymark.protocol.restxml;
