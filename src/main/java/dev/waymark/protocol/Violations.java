// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with an input, collected while it is decoded: type errors (the body does not have the model's
 * shape) and constraint violations (required, length, range, pattern), the latter in AWS's validation wording.
 */
public final class Violations {
    private final List<String> typeErrors = new ArrayList<>();
    private final List<String> constraints = new ArrayList<>();
    private final List<String> constrainedMembers = new ArrayList<>();

    void typeError(String path, String expected) {
        typeErrors.add("Unexpected value at '" + path + "': expected " + expected);
    }

    void constraint(String valueText, String path, String constraint) {
        constrainedMembers.add(path.contains(".") ? path.substring(0, path.indexOf('.')) : path);
        constraints.add("Value " + valueText + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    public boolean hasTypeErrors() {
        return !typeErrors.isEmpty();
    }

    public boolean isEmpty() {
        return typeErrors.isEmpty() && constraints.isEmpty();
    }

    /** The top-level member (lower camel) of the first constraint violation. */
    public String firstConstrainedMember() {
        return constrainedMembers.isEmpty() ? "" : constrainedMembers.get(0);
    }

    public String typeErrorMessage() {
        return typeErrors.get(0);
    }

    /** AWS's form: "1 validation error detected: Value … at '…' failed to satisfy constraint: …". */
    public String constraintMessage() {
        String count = constraints.size() == 1 ? "1 validation error detected: "
                : constraints.size() + " validation errors detected: ";
        return count + String.join("; ", constraints);
    }
}
