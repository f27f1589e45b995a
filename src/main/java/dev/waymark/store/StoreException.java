// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

/** The store could not do what was asked: a failed commit, a lost connection, a full disk. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
