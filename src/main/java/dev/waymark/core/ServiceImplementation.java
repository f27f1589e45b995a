// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service's table together with the handlers that implement its operations, and the public documents it serves
 * by path (most serve none). An operation in the table without a handler is answered loudly as not implemented
 * (501), never silently.
 */
public record ServiceImplementation(ServiceSpec spec, Map<String, OperationHandler> handlers,
                                    Function<String, Optional<PublicDocument>> documents) {
    public ServiceImplementation(ServiceSpec spec, Map<String, OperationHandler> handlers) {
        this(spec, handlers, path -> Optional.empty());
    }

    public ServiceImplementation {
        requireNonNull(spec, "spec is null");
        requireNonNull(documents, "documents is null");
        handlers = Map.copyOf(handlers);
        for (String name : handlers.keySet()) {
            if (!spec.operations().containsKey(name)) {
                throw new IllegalArgumentException(spec.id() + ": handler for " + name + " has no row in the operation table");
            }
        }
    }

    public Optional<OperationHandler> handler(String operation) {
        return Optional.ofNullable(handlers.get(operation));
    }

    /** The public document at this raw path, if the service serves one there. */
    public Optional<PublicDocument> document(String rawPath) {
        return documents.apply(rawPath);
    }
}
