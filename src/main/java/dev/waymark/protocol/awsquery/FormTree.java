// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.awsquery;

import java.util.Map;
import java.util.TreeMap;

/**
 * Flat query parameters ({@code Tags.member.1.Key=…}) folded into a tree by their dotted names, so that the
 * model can read them as structures, lists and maps.
 */
final class FormTree {
    private String value;
    private final Map<String, FormTree> children = new TreeMap<>(FormTree::compareKeys);

    void put(String dottedName, String leaf) {
        FormTree node = this;
        for (String part : dottedName.split("\\.", -1)) {
            node = node.children.computeIfAbsent(part, k -> new FormTree());
        }
        node.value = leaf;
    }

    String value() {
        return value;
    }

    FormTree child(String name) {
        return children.get(name);
    }

    Map<String, FormTree> children() {
        return children;
    }

    /** Numeric keys in numeric order (member.2 before member.10), others by name. */
    private static int compareKeys(String a, String b) {
        boolean numericA = !a.isEmpty() && a.chars().allMatch(Character::isDigit) && a.length() < 10;
        boolean numericB = !b.isEmpty() && b.chars().allMatch(Character::isDigit) && b.length() < 10;
        if (numericA && numericB) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }
}
