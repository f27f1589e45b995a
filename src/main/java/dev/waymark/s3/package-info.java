// SPDX-License-Identifier: Apache-2.0
/**
 * The embedded bucket store behind Waymark's S3 subset: buckets (global names, one owning account each, a region),
 * objects encrypted at rest (AES-256-GCM, a data key per object sealed with the master key) in
 * {@code <data-dir>/buckets/<bucket>/}, their metadata in the store, bucket policies, lifecycle expiration (run by
 * {@link dev.waymark.s3.LifecycleJob}) and default encryption. No HTTP types: handlers read and return model members.
 */
package dev.waymark.s3;
