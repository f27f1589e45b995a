// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

/** A unit of work run inside one transaction. */
@FunctionalInterface
public interface Work<T> {
    T run(Tx tx) throws Exception;
}
