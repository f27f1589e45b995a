// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.ServiceImplementation;
import java.util.Map;

/** Wires the S3 handlers to the operation table. The model's other operations answer 501 NotImplemented. */
public final class S3Service {
    private S3Service() {
    }

    public static ServiceImplementation implementation(ObjectFiles files) {
        BucketRepository buckets = new BucketRepository();
        ObjectRepository objects = new ObjectRepository();
        Access access = new Access(buckets);
        BucketsApi bucketsApi = new BucketsApi(buckets, objects, access);
        ObjectsApi objectsApi = new ObjectsApi(buckets, objects, files, access);
        ListingApi listing = new ListingApi(objects, access);
        BucketConfigApi config = new BucketConfigApi(buckets, access);
        Map<String, OperationHandler> handlers = Map.ofEntries(
                Map.entry("CreateBucket", bucketsApi::createBucket),
                Map.entry("DeleteBucket", bucketsApi::deleteBucket),
                Map.entry("HeadBucket", bucketsApi::headBucket),
                Map.entry("ListBuckets", bucketsApi::listBuckets),
                Map.entry("GetBucketLocation", bucketsApi::getBucketLocation),
                Map.entry("ListObjects", listing::listObjects),
                Map.entry("ListObjectsV2", listing::listObjectsV2),
                Map.entry("PutObject", objectsApi::putObject),
                Map.entry("GetObject", objectsApi::getObject),
                Map.entry("HeadObject", objectsApi::headObject),
                Map.entry("DeleteObject", objectsApi::deleteObject),
                Map.entry("PutBucketPolicy", config::putBucketPolicy),
                Map.entry("GetBucketPolicy", config::getBucketPolicy),
                Map.entry("DeleteBucketPolicy", config::deleteBucketPolicy),
                Map.entry("PutBucketLifecycleConfiguration", config::putBucketLifecycleConfiguration),
                Map.entry("GetBucketLifecycleConfiguration", config::getBucketLifecycleConfiguration),
                Map.entry("DeleteBucketLifecycle", config::deleteBucketLifecycle),
                Map.entry("PutBucketEncryption", config::putBucketEncryption),
                Map.entry("GetBucketEncryption", config::getBucketEncryption),
                Map.entry("DeleteBucketEncryption", config::deleteBucketEncryption));
        return new ServiceImplementation(OperationTable.load("s3"), handlers);
    }
}
