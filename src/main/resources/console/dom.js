// SPDX-License-Identifier: Apache-2.0
// Small DOM helpers shared by the views. Text always goes in as text nodes, never as HTML: event records are
// user input (resource names, error messages) and must not become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** h('a', {href: '#/x', class: 'y', onclick: f}, 'text', child, [more]) */
export function h(tag, attributes, ...children) {
    return build(document.createElement(tag), attributes, children);
}

export function svg(tag, attributes, ...children) {
    return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

function build(element, attributes, children) {
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

/** Replaces an element's children; null, undefined and false children are left out, arrays flattened. */
export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
}

function append(element, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
}

/** 2026-12-01 21:33:35 UTC */
export function utc(date) {
    return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** The time in UTC, with the reader's own local time on hover. */
export function time(date) {
    if (!date || Number.isNaN(date.getTime())) {
        return h('span', { class: 'none' }, '—');
    }
    const local = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
    return h('time', { datetime: date.toISOString(), title: 'Your local time: ' + local }, utc(date));
}

/** A time the AWS JSON protocols send as epoch seconds. */
export function fromEpochSeconds(value) {
    return value === undefined || value === null ? null : new Date(Number(value) * 1000);
}

export function loading(text) {
    return h('p', { class: 'status', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

export function empty(text, ...more) {
    return h('div', { class: 'empty' }, h('p', {}, text), ...more);
}

/** An AWS error, readably: its code, its message, and the request id to look for in the server's log. */
export function errorBox(error, what) {
    const code = error && error.code ? error.code : 'Error';
    return h('div', { class: 'error', role: 'alert' },
        h('p', { class: 'error-title' }, what ? `${what}: ` : '', h('code', {}, code)),
        h('p', {}, error && error.message ? error.message : String(error)),
        error && error.requestId ? h('p', { class: 'request-id' }, 'Request ID: ', h('code', {}, error.requestId)) : null);
}

/** Saves a Blob as a file, the way a download link would. */
export function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export function formatBytes(size) {
    if (size < 1024) {
        return `${size} B`;
    }
    const units = ['KB', 'MB', 'GB', 'TB'];
    let value = size;
    let unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A record as indented JSON, its keys, strings, numbers and literals in spans the stylesheet colours. */
export function jsonView(value) {
    const text = JSON.stringify(value, null, 2);
    const pre = h('pre', { class: 'json', tabindex: '0' });
    const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
    let last = 0;
    for (const match of text.matchAll(token)) {
        pre.append(text.slice(last, match.index));
        if (match[1]) {
            pre.append(h('span', { class: match[2] ? 'json-key' : 'json-string' }, match[1]));
            if (match[2]) {
                pre.append(match[2]);
            }
        } else {
            pre.append(h('span', { class: match[3] ? 'json-literal' : 'json-number' }, match[0]));
        }
        last = match.index + match[0].length;
    }
    pre.append(text.slice(last));
    return pre;
}
