// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;

/**
 * The business logic of one AWS operation. It runs inside the store transaction the pipeline opened (a write
 * transaction for mutating operations, a read transaction otherwise), reads its input by model member names,
 * returns its output by model member names, and signals failure by throwing {@link AwsException}.
 */
@FunctionalInterface
public interface OperationHandler {
    ObjectNode handle(Invocation invocation, Tx tx) throws Exception;

    /**
     * Checks what the input alone decides, on the caller's thread before the transaction opens (a mutating
     * operation's transaction runs on the store's single writer, so work moved here is work every other write stops
     * waiting for). Throws {@link AwsException} as {@link #handle} would.
     */
    default void check(Invocation invocation) {
    }

    /** A handler whose input checks run first, outside the transaction. */
    static OperationHandler checked(java.util.function.Consumer<Invocation> check, OperationHandler handler) {
        return new OperationHandler() {
            @Override
            public ObjectNode handle(Invocation invocation, Tx tx) throws Exception {
                return handler.handle(invocation, tx);
            }

            @Override
            public void check(Invocation invocation) {
                check.accept(invocation);
            }
        };
    }
}
