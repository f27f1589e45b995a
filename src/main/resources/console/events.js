// SPDX-License-Identifier: Apache-2.0
// Event history: LookupEvents with one lookup attribute and a time range, newest first, 50 a page (NextToken);
// one event's full record; the filter's events as CSV or JSON through ExportEvents; events per hour as a chart.
// The filter lives in the address (#/events?attribute=…&value=…&range=…), the pages already read in memory.

import { chart } from './chart.js';
import { column, parseCsv } from './csv.js';
import { empty, errorBox, fromEpochSeconds, h, jsonView, loading, replace, saveBlob, time } from './dom.js';

export const ATTRIBUTES = [
    ['', 'All events'], ['EventName', 'Event name'], ['Username', 'User name'], ['EventSource', 'Event source'],
    ['ResourceType', 'Resource type'], ['ResourceName', 'Resource name'], ['ReadOnly', 'Read-only'],
    ['AccessKeyId', 'Access key ID'], ['EventId', 'Event ID'],
];
const HOUR = 3600 * 1000;
const RANGES = [
    ['1h', 'Last hour', 1], ['3h', 'Last 3 hours', 3], ['12h', 'Last 12 hours', 12], ['24h', 'Last 24 hours', 24],
    ['7d', 'Last 7 days', 7 * 24], ['30d', 'Last 30 days', 30 * 24], ['90d', 'Last 90 days', 90 * 24],
    ['custom', 'Custom range (UTC)', 0],
];
const DEFAULT_RANGE = '90d';
const PAGE_SIZE = 50;
const records = new WeakMap();

/** The last filter's results: its pages as promises, its CSV export (for the chart and the CSV download). */
let current = null;

/** The CloudTrail record of a LookupEvents event, parsed once. */
export function recordOf(event) {
    if (!records.has(event)) {
        let record;
        try {
            record = JSON.parse(event.CloudTrailEvent);
        } catch (e) {
            record = { unreadable: event.CloudTrailEvent };
        }
        records.set(event, record);
    }
    return records.get(event);
}

function filterOf(params, now) {
    const key = ATTRIBUTES.some(([k]) => k === params.get('attribute')) ? params.get('attribute') : '';
    const range = RANGES.some(([r]) => r === params.get('range')) ? params.get('range') : DEFAULT_RANGE;
    const parsed = (name) => {
        const date = params.get(name) ? new Date(params.get(name)) : null;
        return date && !Number.isNaN(date.getTime()) ? date : null;
    };
    let end = now;
    let start;
    if (range === 'custom') {
        end = parsed('end') || end;
        start = parsed('start') || new Date(end.getTime() - 90 * 24 * HOUR);
    } else {
        start = new Date(end.getTime() - RANGES.find(([r]) => r === range)[2] * HOUR);
    }
    return { key, value: key ? params.get('value') || '' : '', range, start, end };
}

function attributeOf(filter) {
    return filter.key ? { key: filter.key, value: filter.value } : null;
}

function lookup(client, filter, nextToken) {
    const input = { StartTime: filter.start.getTime() / 1000, EndTime: filter.end.getTime() / 1000, MaxResults: PAGE_SIZE };
    if (filter.key) {
        input.LookupAttributes = [{ AttributeKey: filter.key, AttributeValue: filter.value }];
    }
    if (nextToken) {
        input.NextToken = nextToken;
    }
    return client.cloudTrail('LookupEvents', input);
}

function resultsFor(client, params, refresh) {
    const key = client.region + '|' + client.accessKeyId + '|' + params.toString();
    if (!current || current.key !== key || refresh) {
        const filter = filterOf(params, client.now());
        const exportOf = (format) => client.exportEvents({ format, attribute: attributeOf(filter),
            startTime: filter.start, endTime: filter.end });
        current = { key, params: params.toString(), filter, pages: [], index: 0, exportOf, csv: null };
        if (!filter.key || filter.value) {
            current.pages.push(lookup(client, filter, null));
            current.csv = exportOf('csv');
        }
    }
    return current;
}

/** Drops what was read (at sign-out: the next identity reads its own). */
export function forgetResults() {
    current = null;
}

/** The address of the event history as it was last shown. */
export function historyLink() {
    return current && current.params ? '#/events?' + current.params : '#/events';
}

export function renderEvents(ctx) {
    const results = resultsFor(ctx.client, ctx.params, ctx.refresh);
    const filter = results.filter;
    const tableArea = h('div', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'true' });
    const pageLabel = h('span', { class: 'page-label', tabindex: '-1' });
    const previous = h('button', { type: 'button', class: 'secondary', disabled: true }, '‹ Newer');
    const next = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Older ›');
    const downloadStatus = h('span', { class: 'download-status', role: 'status' });
    const chartArea = h('section', { class: 'chart-area', 'aria-label': 'Events over time' });
    const suggestions = h('datalist', { id: 'attribute-values' });

    const show = async (index) => {
        results.index = index;
        tableArea.replaceChildren(loading('Loading events…'));
        tableArea.setAttribute('aria-busy', 'true');
        previous.disabled = true;
        next.disabled = true;
        let page;
        try {
            page = await results.pages[index];
        } catch (error) {
            if (ctx.current()) {
                tableArea.replaceChildren(errorBox(error, 'The events could not be read'));
                tableArea.setAttribute('aria-busy', 'false');
                pageLabel.textContent = '';
            }
            return;
        }
        if (!ctx.current() || results.index !== index) {
            return;
        }
        tableArea.setAttribute('aria-busy', 'false');
        const events = page.Events || [];
        const first = index * PAGE_SIZE + 1;
        pageLabel.textContent = events.length === 0 ? '' : `Page ${index + 1} · events ${first}–${first + events.length - 1}`
            + (page.NextToken ? ', more after these' : '');
        previous.disabled = index === 0;
        next.disabled = !page.NextToken;
        tableArea.replaceChildren(events.length === 0 && index === 0
            ? empty('No events match this filter.', h('p', { class: 'muted' },
                'Calls appear here as soon as Waymark has answered them. Widen the time range or choose another attribute or value.'))
            : eventsTable(events, filter));
        suggest(suggestions, filter.key, results);
    };
    previous.addEventListener('click', () => {
        show(results.index - 1).then(() => (previous.disabled ? next : previous).focus());
    });
    next.addEventListener('click', () => {
        const index = results.index + 1;
        if (results.pages.length <= index) {
            results.pages.push(results.pages[index - 1].then(page => lookup(ctx.client, filter, page.NextToken)));
        }
        show(index).then(() => (next.disabled ? previous : next).focus());
    });

    const download = async (format, button) => {
        button.disabled = true;
        downloadStatus.replaceChildren(`Preparing ${format.toUpperCase()}…`);
        try {
            const file = format === 'csv' ? await results.csv : await results.exportOf(format);
            saveBlob(file.blob, file.filename);
            downloadStatus.replaceChildren(`Saved ${file.filename}`);
        } catch (error) {
            downloadStatus.replaceChildren(errorBox(error, `The ${format.toUpperCase()} download failed`));
        } finally {
            button.disabled = false;
        }
    };
    const csvButton = h('button', { type: 'button', class: 'secondary', id: 'download-csv' }, 'Download CSV');
    const jsonButton = h('button', { type: 'button', class: 'secondary', id: 'download-json' }, 'Download JSON');
    csvButton.addEventListener('click', () => download('csv', csvButton));
    jsonButton.addEventListener('click', () => download('json', jsonButton));
    const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => ctx.rerender({ refresh: true }) }, 'Refresh');
    const filterInvalid = filter.key && !filter.value;

    replace(ctx.main,
        h('h1', { tabindex: '-1' }, 'Event history'),
        h('p', { class: 'lead' }, `Management events of account ${ctx.identity.account} in ${ctx.client.region}, newest first. `
            + 'Filter by one lookup attribute and a time range, as LookupEvents does.'),
        filterForm(ctx, filter, suggestions),
        filterInvalid ? errorBox({ code: 'InvalidLookupAttributes', message: 'Enter a value for the lookup attribute, or choose All events.' }) : null,
        filterInvalid ? null : chartArea,
        filterInvalid ? null : h('div', { class: 'toolbar' },
            h('div', { class: 'pager' }, previous, next, pageLabel),
            h('div', { class: 'actions' }, refresh, csvButton, jsonButton, downloadStatus)),
        filterInvalid ? null : tableArea);
    if (!filterInvalid) {
        show(results.index);
        renderChart(ctx, chartArea, results);
    }
}

async function renderChart(ctx, area, results) {
    area.replaceChildren(loading('Counting events per hour…'));
    try {
        const file = await results.csv;
        const times = column(parseCsv(await file.blob.text()), 'EventTime').map(t => new Date(t));
        if (ctx.current()) {
            area.replaceChildren(times.length ? chart(times, results.filter.start, results.filter.end)
                : h('p', { class: 'muted chart-empty' }, h('strong', {}, 'Events per hour'), ': no events to chart in this time range.'));
        }
    } catch (error) {
        if (ctx.current()) {
            area.replaceChildren(errorBox(error, 'The chart could not be drawn'));
        }
    }
}

function filterForm(ctx, filter, suggestions) {
    const attribute = h('select', { id: 'attribute', name: 'attribute' },
        ATTRIBUTES.map(([key, label]) => h('option', { value: key, selected: key === filter.key }, label)));
    const value = h('input', { id: 'attribute-value', name: 'value', type: 'text', value: filter.value, list: 'attribute-values',
        autocomplete: 'off', spellcheck: 'false', disabled: !filter.key, placeholder: filter.key ? 'Exact value' : 'Choose an attribute first' });
    const range = h('select', { id: 'range', name: 'range' },
        RANGES.map(([key, label]) => h('option', { value: key, selected: key === filter.range }, label)));
    const local = (date) => date.toISOString().slice(0, 19);
    const start = h('input', { id: 'start', name: 'start', type: 'datetime-local', step: '1', value: local(filter.start) });
    const end = h('input', { id: 'end', name: 'end', type: 'datetime-local', step: '1', value: local(filter.end) });
    const custom = h('div', { class: 'custom-range', hidden: filter.range !== 'custom' },
        field('start', 'Start (UTC)', start), field('end', 'End (UTC)', end));
    attribute.addEventListener('change', () => {
        value.disabled = !attribute.value;
        value.placeholder = attribute.value ? 'Exact value' : 'Choose an attribute first';
        if (attribute.value === 'ReadOnly' && !['true', 'false'].includes(value.value)) {
            value.value = 'true';
        }
        suggest(suggestions, attribute.value, current);
        if (attribute.value) {
            value.focus();
        }
    });
    range.addEventListener('change', () => {
        custom.hidden = range.value !== 'custom';
    });
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter events' },
        field('attribute', 'Lookup attribute', attribute),
        field('attribute-value', 'Value', value, suggestions),
        field('range', 'Time range', range),
        custom,
        h('div', { class: 'form-buttons' },
            h('button', { type: 'submit' }, 'Apply'),
            h('button', { type: 'button', class: 'secondary', onclick: () => ctx.navigate('#/events', { refresh: true }) }, 'Clear')));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        if (attribute.value) {
            params.set('attribute', attribute.value);
            params.set('value', value.value.trim());
        }
        params.set('range', range.value);
        if (range.value === 'custom') {
            for (const [name, input] of [['start', start], ['end', end]]) {
                if (input.value) {
                    params.set(name, new Date(input.value + (input.value.length === 16 ? ':00' : '') + 'Z').toISOString());
                }
            }
        }
        ctx.navigate('#/events?' + params.toString(), { refresh: true });
    });
    return form;
}

function field(id, label, control, ...more) {
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, ...more);
}

/** Values to suggest for the attribute: those of the events read so far (true and false for read-only). */
function suggest(list, key, results) {
    const values = new Set(key === 'ReadOnly' ? ['true', 'false'] : []);
    if (key && key !== 'ReadOnly' && results) {
        for (const promise of results.pages) {
            promise.then(page => (page.Events || []).forEach(event => valuesOf(event, key).forEach(v => {
                if (!values.has(v) && values.size < 50) {
                    values.add(v);
                    list.append(h('option', { value: v }));
                }
            }))).catch(() => {});
        }
    }
    list.replaceChildren(...Array.from(values, v => h('option', { value: v })));
}

function valuesOf(event, key) {
    switch (key) {
    case 'ResourceType':
        return (event.Resources || []).map(r => r.ResourceType).filter(Boolean);
    case 'ResourceName':
        return (event.Resources || []).map(r => r.ResourceName).filter(Boolean);
    default:
        return event[key] ? [String(event[key])] : [];
    }
}

function eventsTable(events, filter) {
    const header = ['Event time (UTC)', 'Event name', 'User name', 'Event source', 'Resource type', 'Resource name',
        'Read-only', 'Error code'];
    return h('div', { class: 'table-wrap' }, h('table', { class: 'events' },
        h('caption', { class: 'visually-hidden' }, `Events${filter.key ? ` whose ${filter.key} is ${filter.value}` : ''}, newest first`),
        h('thead', {}, h('tr', {}, header.map(name => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, events.map(event => {
            const record = recordOf(event);
            const resources = event.Resources || [];
            return h('tr', { 'data-event-id': event.EventId },
                h('td', { class: 'nowrap' }, time(fromEpochSeconds(event.EventTime))),
                h('td', {}, h('a', { href: '#/events/' + encodeURIComponent(event.EventId), class: 'event-link' }, event.EventName)),
                h('td', {}, event.Username || h('span', { class: 'none' }, '—')),
                h('td', {}, event.EventSource),
                h('td', {}, resources.length ? resources.map(r => r.ResourceType).join(', ') : h('span', { class: 'none' }, '—')),
                h('td', { class: 'wrap' }, resources.length ? resources.map(r => r.ResourceName).join(', ') : h('span', { class: 'none' }, '—')),
                h('td', {}, event.ReadOnly),
                h('td', {}, record.errorCode ? h('span', { class: 'badge bad', title: record.errorMessage || '' }, record.errorCode)
                    : h('span', { class: 'none' }, '—')));
        }))));
}

/** One event: its summary and its full CloudTrail record as formatted JSON. */
export async function renderEventDetail(ctx, eventId) {
    const heading = h('h1', { tabindex: '-1' }, 'Event');
    const body = h('div', { class: 'results', 'aria-live': 'polite' }, loading('Loading the event…'));
    ctx.main.replaceChildren(h('a', { href: historyLink(), class: 'back' }, '‹ Back to event history'), heading, body);
    let event = await known(eventId);
    let error = null;
    if (!event) {
        try {
            const page = await ctx.client.cloudTrail('LookupEvents',
                { LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: eventId }], MaxResults: 1 });
            event = (page.Events || [])[0];
        } catch (e) {
            error = e;
        }
    }
    if (!ctx.current()) {
        return;
    }
    if (error || !event) {
        body.replaceChildren(error ? errorBox(error, 'The event could not be read')
                : empty(`No event with ID ${eventId} in ${ctx.client.region} within the event history's retention.`));
        return;
    }
    const record = recordOf(event);
    const resources = event.Resources || [];
    const rows = [
        ['Event time', time(fromEpochSeconds(event.EventTime))],
        ['Event name', event.EventName],
        ['User name', event.Username || '—'],
        ['Event source', event.EventSource],
        ['AWS region', record.awsRegion],
        ['Source IP address', record.sourceIPAddress],
        ['Access key ID', event.AccessKeyId || '—'],
        ['Read-only', event.ReadOnly],
        ['Event ID', h('code', {}, event.EventId)],
        ['Request ID', record.requestID ? h('code', {}, record.requestID) : '—'],
        ['Resources', resources.length ? resources.map(r => `${r.ResourceType} ${r.ResourceName}`).join('; ') : '—'],
        ['Error code', record.errorCode ? h('span', { class: 'badge bad' }, record.errorCode) : '—'],
        ['Error message', record.errorMessage || '—'],
    ];
    const save = h('button', { type: 'button', class: 'secondary' }, 'Download this record');
    save.addEventListener('click', () => saveBlob(new Blob([JSON.stringify(record, null, 2) + '\n'],
        { type: 'application/json' }), `event-${event.EventId}.json`));
    heading.textContent = event.EventName;
    body.replaceChildren(
        h('dl', { class: 'summary' }, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value || '—')])),
        h('div', { class: 'record-head' }, h('h2', { id: 'record-title' }, 'Event record'), save),
        jsonView(record));
}

async function known(eventId) {
    if (!current) {
        return null;
    }
    for (const promise of current.pages) {
        try {
            const found = ((await promise).Events || []).find(event => event.EventId === eventId);
            if (found) {
                return found;
            }
        } catch (e) {
            // a page that failed holds nothing
        }
    }
    return null;
}
