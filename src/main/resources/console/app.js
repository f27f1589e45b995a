// SPDX-License-Identifier: Apache-2.0
// The console: sign-in, the header, and the router (#/events, #/events/<id>, #/trails, #/trails/files?…).
//
// Sign-in keeps the credentials in this module's memory and nowhere else: not in storage, not in a cookie, not in
// the address. Each API call is signed in the page (sigv4.js) and sent to Waymark's ordinary endpoint, which
// authenticates, authorizes and records it like a call from the AWS CLI. Reloading the page signs out.

import { Client } from './aws.js';
import { errorBox, h } from './dom.js';
import { forgetResults, renderEventDetail, renderEvents } from './events.js';
import { renderTrailFiles, renderTrails } from './trails.js';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1',
    'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'ap-south-1',
    'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'me-south-1', 'af-south-1'];
const HOME = '#/events';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const session = { client: null, identity: null };
let generation = 0;
let pendingOptions = {};

function route(options = {}) {
    const mine = ++generation;
    if (!session.client) {
        renderSignIn();
        return;
    }
    const hash = location.hash && location.hash !== '#' ? location.hash : HOME;
    const [path, query] = hash.slice(1).split('?');
    const ctx = {
        main, client: session.client, identity: session.identity, params: new URLSearchParams(query || ''),
        refresh: Boolean(options.refresh), current: () => mine === generation, navigate,
        rerender: (again) => route({ ...again, keepFocus: true }),
    };
    let section = null;
    if (path === '/events') {
        section = 'events';
        renderEvents(ctx);
    } else if (path.startsWith('/events/')) {
        section = 'events';
        renderEventDetail(ctx, decodeURIComponent(path.slice('/events/'.length)));
    } else if (path === '/trails') {
        section = 'trails';
        renderTrails(ctx);
    } else if (path === '/trails/files') {
        section = 'trails';
        renderTrailFiles(ctx);
    } else {
        main.replaceChildren(h('h1', { tabindex: '-1' }, 'Page not found'),
            h('p', {}, 'There is nothing at this address. ', h('a', { href: HOME }, 'Go to the event history'), '.'));
    }
    for (const link of nav.querySelectorAll('a')) {
        if (link.dataset.section === section) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    document.title = (section === 'trails' ? 'Trails' : 'Event history') + ' · Waymark console';
    if (!options.keepFocus) {
        focusHeading();
    }
}

/** Goes to an address; to the same address again, renders it again (Apply twice runs the lookup twice). */
function navigate(hash, options = {}) {
    if (location.hash === hash) {
        route(options);
    } else {
        pendingOptions = options;
        location.hash = hash;
    }
}

function focusHeading() {
    const heading = main.querySelector('h1');
    if (heading) {
        heading.focus({ preventScroll: true });
    }
}

function renderSignIn() {
    nav.hidden = true;
    who.replaceChildren();
    document.title = 'Sign in · Waymark console';
    const input = (id, attributes) => h('input', { id, name: id, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', ...attributes });
    const accessKeyId = input('access-key-id', { type: 'text', required: true });
    const secret = input('secret-access-key', { type: 'password', required: true });
    const token = input('session-token', { type: 'password', 'aria-describedby': 'session-token-hint' });
    const region = input('sign-in-region', { type: 'text', required: true, value: 'us-east-1', list: 'regions',
        pattern: '[a-z]{2}(-[a-z]+)+-\\d+', 'aria-describedby': 'region-hint' });
    const submit = h('button', { type: 'submit' }, 'Sign in');
    const status = h('div', { class: 'sign-in-status', 'aria-live': 'polite' });
    const form = h('form', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
        h('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in to Waymark'),
        h('p', { class: 'lead' }, 'Use the access key of any identity: an account\'s root, an IAM user, or temporary '
            + 'credentials from STS. You see what that identity\'s account and policies allow.'),
        field('access-key-id', 'Access key ID', accessKeyId),
        field('secret-access-key', 'Secret access key', secret),
        field('session-token', 'Session token (optional)', token,
            h('p', { class: 'hint', id: 'session-token-hint' }, 'Only for temporary credentials (AssumeRole, GetSessionToken, GetFederationToken).')),
        field('sign-in-region', 'Region', region,
            h('datalist', { id: 'regions' }, REGIONS.map(r => h('option', { value: r }))),
            h('p', { class: 'hint', id: 'region-hint' }, 'Event history and trails are kept per region.')),
        h('div', { class: 'form-buttons' }, submit),
        status,
        h('p', { class: 'privacy' }, 'Your secret stays in this page: it signs each request here and is never sent, '
            + 'stored or put in an address. Reloading the page signs you out.'));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        submit.disabled = true;
        status.replaceChildren(h('p', { class: 'status' }, 'Signing in…'));
        const client = new Client({ accessKeyId: accessKeyId.value.trim(), secretAccessKey: secret.value.trim(),
            sessionToken: token.value.trim() || undefined }, region.value.trim());
        try {
            const identity = await client.callerIdentity();
            session.client = client;
            session.identity = identity;
            for (const field of [accessKeyId, secret, token]) {
                field.value = '';
            }
            renderHeader();
            route();
        } catch (error) {
            status.replaceChildren(errorBox(error, 'Sign-in failed'));
            submit.disabled = false;
            secret.focus();
        }
    });
    main.replaceChildren(form);
    accessKeyId.focus();
}

function field(id, label, control, ...more) {
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, ...more);
}

function renderHeader() {
    nav.hidden = false;
    const arn = session.identity.arn;
    const name = arn.split(':').slice(5).join(':') || arn;
    const regions = REGIONS.includes(session.client.region) ? REGIONS : [session.client.region, ...REGIONS];
    const region = h('select', { id: 'region', 'aria-label': 'Region' },
        regions.map(r => h('option', { value: r, selected: r === session.client.region }, r)));
    region.addEventListener('change', () => {
        session.client = session.client.inRegion(region.value);
        route({ keepFocus: true });
    });
    const signOut = h('button', { type: 'button', class: 'secondary', id: 'sign-out' }, 'Sign out');
    signOut.addEventListener('click', () => {
        session.client = null;
        session.identity = null;
        forgetResults();
        route();
    });
    who.replaceChildren(
        h('span', { class: 'identity', title: arn, id: 'identity' }, name, h('span', { class: 'muted' }, ` · ${session.identity.account}`)),
        region, signOut);
}

document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    focusHeading();
});
window.addEventListener('hashchange', () => {
    const options = pendingOptions;
    pendingOptions = {};
    route(options);
});
route();
