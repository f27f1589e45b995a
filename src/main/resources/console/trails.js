// SPDX-License-Identifier: Apache-2.0
// Trails at a glance: DescribeTrails and each trail's GetTrailStatus (logging, latest delivery and its error,
// latest digest), and a trail's delivered files in the embedded bucket store (S3 ListObjectsV2).

import { empty, errorBox, formatBytes, fromEpochSeconds, h, loading, replace, time } from './dom.js';

const FILES_PAGE = 200;

export async function renderTrails(ctx) {
    const heading = h('h1', { tabindex: '-1' }, 'Trails');
    const lead = h('p', { class: 'lead' }, `Trails that deliver the events of account ${ctx.identity.account} in ${ctx.client.region}.`);
    const body = h('div', { class: 'results', 'aria-live': 'polite' }, loading('Loading trails…'));
    ctx.main.replaceChildren(heading, lead, body);
    let trails;
    try {
        trails = (await ctx.client.cloudTrail('DescribeTrails', { includeShadowTrails: true })).trailList || [];
    } catch (error) {
        if (ctx.current()) {
            body.replaceChildren(errorBox(error, 'The trails could not be read'));
        }
        return;
    }
    const statuses = await Promise.all(trails.map(trail => ctx.client.cloudTrail('GetTrailStatus', { Name: trail.TrailARN })
        .then(status => ({ status }), error => ({ error }))));
    if (!ctx.current()) {
        return;
    }
    if (trails.length === 0) {
        body.replaceChildren(empty(`No trail delivers this account's events in ${ctx.client.region}.`,
            h('p', { class: 'muted' }, 'Create one with ', h('code', {}, 'aws cloudtrail create-trail --name <name> --s3-bucket-name <bucket>'),
                ' and start it with ', h('code', {}, 'aws cloudtrail start-logging --name <name>'), '.')));
        return;
    }
    const header = ['Trail', 'Home region', 'Multi-region', 'S3 bucket', 'Logging', 'Latest delivery', 'Latest delivery error',
        'Latest digest', 'Log file validation'];
    body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'trails' },
        h('caption', { class: 'visually-hidden' }, 'Trails and their status'),
        h('thead', {}, h('tr', {}, header.map(name => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, trails.map((trail, index) => trailRow(trail, statuses[index]))))));
}

function trailRow(trail, { status, error }) {
    const files = new URLSearchParams({ trail: trail.Name, bucket: trail.S3BucketName,
        prefix: (trail.S3KeyPrefix ? trail.S3KeyPrefix + '/' : '') + 'AWSLogs/' });
    const cells = error
        ? [h('td', { colspan: '4' }, errorBox(error, 'Status unavailable'))]
        : [
            h('td', {}, status.IsLogging ? h('span', { class: 'badge good' }, 'Logging') : h('span', { class: 'badge' }, 'Not logging')),
            h('td', { class: 'nowrap' }, time(fromEpochSeconds(status.LatestDeliveryTime))),
            h('td', {}, status.LatestDeliveryError ? h('span', { class: 'badge bad' }, status.LatestDeliveryError) : h('span', { class: 'none' }, '—')),
            h('td', { class: 'nowrap' }, status.LatestDigestDeliveryError
                ? h('span', { class: 'badge bad' }, status.LatestDigestDeliveryError)
                : time(fromEpochSeconds(status.LatestDigestDeliveryTime))),
        ];
    return h('tr', { 'data-trail': trail.Name },
        h('th', { scope: 'row' }, h('a', { href: '#/trails/files?' + files.toString(), class: 'trail-link',
            title: `Files delivered by ${trail.Name}` }, trail.Name)),
        h('td', {}, trail.HomeRegion),
        h('td', {}, trail.IsMultiRegionTrail ? 'Yes' : 'No'),
        h('td', { class: 'wrap' }, h('code', {}, trail.S3BucketName + (trail.S3KeyPrefix ? '/' + trail.S3KeyPrefix : ''))),
        cells,
        h('td', {}, trail.LogFileValidationEnabled ? 'Enabled' : 'Off'));
}

/** The objects under a trail's prefix in its bucket, 200 at a time, in the bucket's (key) order. */
export function renderTrailFiles(ctx) {
    const trail = ctx.params.get('trail') || '';
    const bucket = ctx.params.get('bucket') || '';
    const prefix = ctx.params.get('prefix') || '';
    const prefixInput = h('input', { id: 'prefix', name: 'prefix', type: 'text', value: prefix, spellcheck: 'false', autocomplete: 'off' });
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter files' },
        h('div', { class: 'field wide' }, h('label', { for: 'prefix' }, 'Key prefix'), prefixInput),
        h('div', { class: 'form-buttons' }, h('button', { type: 'submit' }, 'List files')));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        ctx.navigate('#/trails/files?' + new URLSearchParams({ trail, bucket, prefix: prefixInput.value }).toString(), { refresh: true });
    });
    const area = h('div', { class: 'results', 'aria-live': 'polite' });
    const count = h('p', { class: 'muted', role: 'status' });
    ctx.main.replaceChildren(
        h('a', { href: '#/trails', class: 'back' }, '‹ Back to trails'),
        h('h1', { tabindex: '-1' }, `Files of trail ${trail}`),
        h('p', { class: 'lead' }, 'Log files and digests the trail delivered, in Waymark\'s embedded bucket store: ',
            h('code', {}, `s3://${bucket}/${prefix}`)),
        form, count, area);
    if (!bucket) {
        area.replaceChildren(empty('No bucket given.'));
        return;
    }
    const tbody = h('tbody', {});
    const more = h('button', { type: 'button', class: 'secondary' }, 'Load more files');
    let listed = 0;
    const load = async (token) => {
        more.disabled = true;
        if (!token) {
            area.replaceChildren(loading('Listing files…'));
        }
        let page;
        try {
            page = await ctx.client.listObjects(bucket, { prefix, continuationToken: token, maxKeys: FILES_PAGE });
        } catch (error) {
            if (ctx.current()) {
                replace(area, errorBox(error, `The files in s3://${bucket} could not be listed`),
                    error.code === 'NoSuchBucket' ? h('p', { class: 'muted' },
                        'This console lists Waymark\'s embedded buckets only; a trail delivering to an external S3 store keeps its files there.') : null);
            }
            return;
        }
        if (!ctx.current()) {
            return;
        }
        listed += page.objects.length;
        page.objects.forEach(object => tbody.append(h('tr', {},
            h('td', { class: 'key' }, h('code', {}, object.key)),
            h('td', { class: 'number nowrap' }, formatBytes(object.size)),
            h('td', { class: 'nowrap' }, time(object.lastModified)))));
        count.textContent = `${listed} file${listed === 1 ? '' : 's'}${page.nextToken ? ' so far' : ''}`;
        if (!token) {
            area.replaceChildren(listed === 0
                ? empty(`No files under s3://${bucket}/${prefix} yet.`, h('p', { class: 'muted' },
                    'A logging trail delivers its events every delivery interval (--delivery-interval, 60 s by default).'))
                : h('div', { class: 'table-wrap' }, h('table', { class: 'files' },
                    h('caption', { class: 'visually-hidden' }, `Files in s3://${bucket}/${prefix}`),
                    h('thead', {}, h('tr', {}, ['Key', 'Size', 'Last modified (UTC)'].map(name => h('th', { scope: 'col' }, name)))),
                    tbody)));
        }
        if (page.nextToken) {
            more.onclick = () => load(page.nextToken).then(() => more.focus());
            more.disabled = false;
            area.append(more);
        } else {
            more.remove();
        }
    };
    load(null);
}
