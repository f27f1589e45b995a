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
}
