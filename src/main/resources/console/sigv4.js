// SPDX-License-Identifier: Apache-2.0
// AWS Signature Version 4, computed in the page, in the steps of "Create a signed AWS API request"
// (canonical request, string to sign, signing key, signature). The secret access key is only ever an HMAC key
// here: it never leaves this module's caller's memory, is never sent, stored or put in a URL.
// WebCrypto does the hashing where the page is a secure context; elsewhere the plain-JavaScript fallback does.

import { hmacSha256 as softHmac, sha256 as softSha256 } from './sha256.js';

const encoder = new TextEncoder();
const subtle = globalThis.isSecureContext && globalThis.crypto ? globalThis.crypto.subtle : undefined;

export async function sha256(bytes) {
    return subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes)) : softSha256(bytes);
}

export async function hmac(key, data) {
    if (!subtle) {
        return softHmac(key, data);
    }
    const imported = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', imported, data));
}

export function hex(bytes) {
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ (and '/' when kept). */
export function uriEncode(text, keepSlash = false) {
    let out = '';
    for (const byte of encoder.encode(text)) {
        const c = String.fromCharCode(byte);
        if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) {
            out += c;
        } else {
            out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
        }
    }
    return out;
}

/** 20261201T213000Z */
export function amzDate(date) {
    return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The query string, encoded and sorted: both what is sent and what is signed. */
export function canonicalQuery(params) {
    return params.map(([name, value]) => [uriEncode(name), uriEncode(String(value))])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
        .map(([name, value]) => name + '=' + value).join('&');
}

/**
 * Signs a request; returns the headers to send with it (the caller's, plus X-Amz-Date, x-amz-content-sha256,
 * X-Amz-Security-Token for temporary credentials, and Authorization). `path` is already encoded; S3 signs it as
 * sent, every other service encodes it once more. `host` is what the browser will send as Host.
 */
export async function sign({ method, path, query, headers, body, service, region, credentials, host, now }) {
    const time = amzDate(now || new Date());
    const day = time.slice(0, 8);
    const payloadHash = hex(await sha256(body || new Uint8Array(0)));
    const all = { ...lowerCase(headers || {}), host, 'x-amz-date': time, 'x-amz-content-sha256': payloadHash };
    if (credentials.sessionToken) {
        all['x-amz-security-token'] = credentials.sessionToken;
    }
    const names = Object.keys(all).sort();
    const canonical = [
        method,
        service === 's3' ? path : uriEncode(path, true),
        query,
        ...names.map(name => name + ':' + String(all[name]).trim().replace(/ +/g, ' ')),
        '',
        names.join(';'),
        payloadHash,
    ].join('\n');
    const scope = `${day}/${region}/${service}/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', time, scope, hex(await sha256(encoder.encode(canonical)))].join('\n');
    let key = encoder.encode('AWS4' + credentials.secretAccessKey);
    for (const part of [day, region, service, 'aws4_request']) {
        key = await hmac(key, encoder.encode(part));
    }
    const signature = hex(await hmac(key, encoder.encode(toSign)));
    delete all.host;
    all.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
        + `SignedHeaders=${names.join(';')}, Signature=${signature}`;
    return all;
}

function lowerCase(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        out[name.toLowerCase()] = value;
    }
    return out;
}
