// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

/** Stores message templates and their versions. NOT YET IMPLEMENTED. */
final class TemplateRepository {
}
