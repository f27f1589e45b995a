// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;

/**
 * One wire protocol, bound to one service model: resolve the operation, decode its input, encode its output,
 * render an error. Implementations are thread-safe.
 */
public interface ServerProtocol {
    /** The operation named by the request, or an {@link AwsException} for an unknown operation or wrong method. */
    String resolveOperation(HttpRequest request);

    /** Decodes and validates the input of an operation already resolved. */
    Decoded decode(String operation, HttpRequest request);

    /** The operation's success response. {@code output} is keyed by model member names. */
    HttpResponse encodeOutput(String operation, ObjectNode output, String requestId);

    /** The AWS error response for this protocol and service. */
    HttpResponse encodeError(AwsException error, String requestId);

    /**
     * The AWS error response to a particular request. Protocols whose errors name the request's resource, or
     * whose errors to a HEAD request carry no body (restXml), override this; the others answer as above.
     */
    default HttpResponse encodeError(AwsException error, String requestId, HttpRequest request) {
        return encodeError(error, requestId);
    }

    /** The response elements CloudTrail shows for an output, in this protocol's naming. */
    ObjectNode auditView(String operation, ObjectNode output);
}
