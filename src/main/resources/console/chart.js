// SPDX-License-Identifier: Apache-2.0
// The events-per-hour chart: counts of event times in hourly bins, drawn as inline SVG bars. A range longer than
// a week would make bars too thin to read, so it is drawn per day instead (and the title says so).

import { h, svg, utc } from './dom.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const MIN_BINS = 24;
const MAX_HOURLY_BINS = 7 * 24;
const WIDTH = 960;
const HEIGHT = 140;
const PAD = { left: 36, right: 8, top: 10, bottom: 22 };

/** Bins up to the range's end, from the first event's (or 24 hours before the end, if earlier; never before the start). */
export function bins(times, start, end) {
    const earliest = times.reduce((min, t) => Math.min(min, t.getTime()), end.getTime());
    const first = Math.max(start.getTime(), Math.min(earliest, end.getTime() - (MIN_BINS - 1) * HOUR));
    const hourly = end.getTime() - Math.floor(first / HOUR) * HOUR <= MAX_HOURLY_BINS * HOUR;
    const width = hourly ? HOUR : DAY;
    const from = Math.floor(first / width) * width;
    const count = Math.floor(end.getTime() / width) - from / width + 1;
    const counts = new Array(count).fill(0);
    for (const t of times) {
        const index = Math.floor((t.getTime() - from) / width);
        if (index >= 0 && index < count) {
            counts[index]++;
        }
    }
    return { width, from, counts, perHour: hourly };
}

/** The chart element: a heading, the SVG (with a text alternative) and each bar's count on hover. */
export function chart(times, start, end) {
    const { width, from, counts, perHour } = bins(times, start, end);
    const unit = perHour ? 'hour' : 'day';
    const max = counts.reduce((a, b) => Math.max(a, b), 1);
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const step = plotWidth / counts.length;
    const barWidth = Math.min(48, Math.max(1, step - Math.min(4, step * 0.2)));
    const label = (index) => {
        const text = utc(new Date(from + index * width));
        return perHour ? text.slice(0, 16) + ' UTC' : text.slice(0, 10);
    };
    const bars = counts.map((count, index) => {
        const barHeight = count === 0 ? 0 : Math.max(2, (count / max) * plotHeight);
        return svg('rect', { class: 'bar', x: (PAD.left + index * step).toFixed(1), y: (PAD.top + plotHeight - barHeight).toFixed(1),
            width: barWidth.toFixed(1), height: barHeight.toFixed(1) },
        svg('title', {}, `${label(index)}: ${count} event${count === 1 ? '' : 's'}`));
    });
    const total = counts.reduce((a, b) => a + b, 0);
    const summary = `${total} event${total === 1 ? '' : 's'} from ${label(0)} to ${label(counts.length - 1)}, `
        + `at most ${max} in one ${unit}.`;
    const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `Events per ${unit}: ${summary}`,
        class: 'chart' },
    svg('line', { class: 'axis', x1: PAD.left, y1: PAD.top + plotHeight, x2: WIDTH - PAD.right, y2: PAD.top + plotHeight }),
    svg('text', { class: 'tick', x: PAD.left - 6, y: PAD.top + 8, 'text-anchor': 'end' }, String(max)),
    svg('text', { class: 'tick', x: PAD.left - 6, y: PAD.top + plotHeight, 'text-anchor': 'end' }, '0'),
    timeTicks(counts.length, step, barWidth, (index) => {
        const text = utc(new Date(from + index * width));
        return perHour ? text.slice(5, 16) : text.slice(0, 10);
    }),
    bars);
    return h('figure', { class: 'chart-figure' },
        h('figcaption', {}, h('strong', {}, `Events per ${unit} (UTC)`), ' ', h('span', { class: 'muted' }, summary)),
        picture);
}

/** About six labels along the time axis (MM-DD HH:MM in UTC for hours, the date for days), each under its bar. */
function timeTicks(count, step, barWidth, shortLabel) {
    const every = Math.max(1, Math.ceil(count / 6));
    const ticks = [];
    for (let index = 0; index < count; index += every) {
        const x = PAD.left + index * step + barWidth / 2;
        ticks.push(svg('line', { class: 'axis', x1: x.toFixed(1), x2: x.toFixed(1), y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom + 4 }),
            svg('text', { class: 'tick', x: x.toFixed(1), y: HEIGHT - 6, 'text-anchor': index === 0 ? 'start' : 'middle' }, shortLabel(index)));
    }
    return ticks;
}
