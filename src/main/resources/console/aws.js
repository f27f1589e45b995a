// SPDX-License-Identifier: Apache-2.0
// The console's API client: the same calls the AWS CLI makes, to the same endpoint (this page's origin), signed
// here with SigV4. Every call is authenticated, authorized and recorded by Waymark like any other client's.
// Errors, whatever their wire form (awsJson, restJson, awsQuery XML, S3 XML), become one AwsError.

import { canonicalQuery, sign, uriEncode } from './sigv4.js';

const encoder = new TextEncoder();
const CLOUDTRAIL_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.';
const TIMEOUT_MS = 60000;
const MAX_SKEW_MS = 5 * 60 * 1000;

/** An AWS error as the service answered it (or a network failure, code NetworkError). */
export class AwsError extends Error {
    constructor(code, message, status, requestId) {
        super(message || code);
        this.code = code;
        this.status = status;
        this.requestId = requestId;
    }
}

/** A signed-in identity's client. Holds the credentials in memory only, for as long as the page lives. */
export class Client {
    #credentials;
    #clock;

    /** `clock.offset`: how far the server's clock is ahead of this browser's, learnt from a refused signature. */
    constructor(credentials, region, clock = { offset: 0 }) {
        this.#credentials = Object.freeze({ ...credentials });
        this.#clock = clock;
        this.region = region;
        this.accessKeyId = credentials.accessKeyId;
    }

    /** The time now by the server's clock, as far as it is known. */
    now() {
        return new Date(Date.now() + this.#clock.offset);
    }

    /** A client for another region, with the same credentials. */
    inRegion(region) {
        return new Client(this.#credentials, region, this.#clock);
    }

    async callerIdentity() {
        const xml = await this.#xml(await this.#send({ method: 'POST', path: '/', service: 'sts', region: this.region,
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body: 'Action=GetCallerIdentity&Version=2011-06-15' }));
        return { arn: text(xml, 'Arn'), account: text(xml, 'Account'), userId: text(xml, 'UserId') };
    }

    /** A CloudTrail (awsJson1_1) operation in this client's region. */
    async cloudTrail(operation, input) {
        const response = await this.#send({ method: 'POST', path: '/', service: 'cloudtrail', region: this.region,
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': CLOUDTRAIL_TARGET + operation },
            body: JSON.stringify(input || {}) });
        return response.json();
    }

    /** Waymark's ExportEvents: the download `waymark events export` makes, as a Blob and its file name. */
    async exportEvents({ format, attribute, startTime, endTime }) {
        const params = [['format', format]];
        if (attribute) {
            params.push(['attribute-key', attribute.key], ['attribute-value', attribute.value]);
        }
        if (startTime) {
            params.push(['start-time', startTime.toISOString()]);
        }
        if (endTime) {
            params.push(['end-time', endTime.toISOString()]);
        }
        const response = await this.#send({ method: 'GET', path: '/waymark/v1/events/export', query: params,
            service: 'waymark', region: this.region });
        const disposition = response.headers.get('content-disposition') || '';
        const named = /filename="([^"]+)"/.exec(disposition);
        return { blob: await response.blob(), filename: named ? named[1] : 'event-history.' + format };
    }

    /** S3 ListObjectsV2 of an embedded bucket (path style, signed for us-east-1). */
    async listObjects(bucket, { prefix, continuationToken, maxKeys }) {
        const params = [['list-type', '2'], ['max-keys', String(maxKeys || 100)]];
        if (prefix) {
            params.push(['prefix', prefix]);
        }
        if (continuationToken) {
            params.push(['continuation-token', continuationToken]);
        }
        const xml = await this.#xml(await this.#send({ method: 'GET', path: '/' + uriEncode(bucket), query: params,
            service: 's3', region: 'us-east-1' }));
        const objects = Array.from(xml.getElementsByTagName('Contents'), node => ({
            key: text(node, 'Key'), size: Number(text(node, 'Size')), lastModified: new Date(text(node, 'LastModified')),
        }));
        return { objects, nextToken: text(xml, 'NextContinuationToken') || null, keyCount: Number(text(xml, 'KeyCount')) };
    }

    /**
     * Signs and sends a request. A signature refused as expired or not yet current means this browser's clock is
     * off: the request is signed again once, at the time of the server's Date header, as the AWS SDKs do.
     */
    async #send(request, retried = false) {
        const sentAt = Date.now();
        const response = await this.#fetch(request);
        if (!response.ok) {
            const error = await errorOf(response);
            const serverTime = Date.parse(response.headers.get('date') || '');
            const skewed = /^Signature (expired|not yet current)/.test(error.message) || error.code === 'RequestTimeTooSkewed';
            if (!retried && skewed && Math.abs(serverTime - sentAt) > MAX_SKEW_MS) {
                this.#clock.offset = serverTime - sentAt;
                return this.#send(request, true);
            }
            throw error;
        }
        return response;
    }

    async #fetch({ method, path, query, headers, body, service, region }) {
        const bytes = body === undefined ? new Uint8Array(0) : encoder.encode(body);
        const queryString = canonicalQuery(query || []);
        const signed = await sign({ method, path, query: queryString, headers, body: bytes, service, region,
            credentials: this.#credentials, host: location.host, now: this.now() });
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
        let response;
        try {
            response = await fetch(path + (queryString ? '?' + queryString : ''), {
                method, headers: signed, body: method === 'GET' ? undefined : bytes, credentials: 'omit',
                cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer', signal: controller.signal,
            });
        } catch (e) {
            throw new AwsError('NetworkError', controller.signal.aborted
                ? `Waymark did not answer within ${TIMEOUT_MS / 1000} seconds.`
                : `Waymark could not be reached (${e.message}).`, 0, null);
        } finally {
            clearTimeout(timer);
        }
        return response;
    }

    async #xml(response) {
        return new DOMParser().parseFromString(await response.text(), 'application/xml');
    }
}

/** The AWS error of a failed response: code from x-amzn-ErrorType or the body, message from the body. */
async function errorOf(response) {
    const requestId = response.headers.get('x-amzn-requestid') || response.headers.get('x-amz-request-id');
    const body = await response.text();
    let code = response.headers.get('x-amzn-errortype');
    let message = null;
    if (body.trim().startsWith('{')) {
        try {
            const json = JSON.parse(body);
            code = code || json.__type || json.code;
            message = json.message || json.Message;
        } catch (e) {
            message = body;
        }
    } else if (body.trim().startsWith('<')) {
        const xml = new DOMParser().parseFromString(body, 'application/xml');
        code = code || text(xml, 'Code');
        message = text(xml, 'Message');
    }
    code = (code || `HTTP ${response.status}`).split(':')[0];
    code = code.includes('#') ? code.slice(code.indexOf('#') + 1) : code;
    return new AwsError(code, message || response.statusText || `HTTP ${response.status}`, response.status, requestId);
}

function text(node, tag) {
    const found = node.getElementsByTagName(tag)[0];
    return found ? found.textContent : '';
}
