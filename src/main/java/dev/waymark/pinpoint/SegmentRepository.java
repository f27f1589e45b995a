// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

/**
 * Stores segments and every version of each (tables {@code pinpoint_segment}, {@code pinpoint_segment_version}); a
 * version's document is its SegmentResponse without tags.
 */
final class SegmentRepository extends VersionedDocuments {
    SegmentRepository() {
        super("pinpoint_segment", "segment");
    }
}
