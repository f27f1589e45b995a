// SPDX-License-Identifier: Apache-2.0
// A reader of the event export's CSV (RFC 4180: CRLF rows, cells quoted when they hold a comma, quote or newline,
// quotes doubled), enough to take one column out of it for the chart.

/** The rows of a CSV text, each an array of cells. */
export function parseCsv(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (c === '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c === '"') {
            quoted = true;
        } else if (c === ',') {
            row.push(cell);
            cell = '';
        } else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') {
                i++;
            }
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
        } else {
            cell += c;
        }
    }
    if (cell !== '' || row.length) {
        row.push(cell);
        rows.push(row);
    }
    return rows;
}

/** One column's values, by its header name. */
export function column(rows, name) {
    const index = rows.length ? rows[0].indexOf(name) : -1;
    return index < 0 ? [] : rows.slice(1).map(row => row[index]);
}
