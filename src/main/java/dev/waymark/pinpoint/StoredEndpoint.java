// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An endpoint as stored: its row number, its case-folded id, the time it was last active (epoch milliseconds) and
 * its EndpointResponse members without ApplicationId.
 */
record StoredEndpoint(long seq, String idKey, long activeAt, ObjectNode document) {
    StoredEndpoint {
        requireNonNull(idKey, "idKey is null");
        requireNonNull(document, "document is null");
    }

    /** The EndpointResponse of the endpoint in the given application. */
    ObjectNode response(String applicationId) {
        ObjectNode response = document.deepCopy();
        response.put("ApplicationId", applicationId);
        return response;
    }
}
