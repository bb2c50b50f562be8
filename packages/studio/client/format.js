// @ts-check
// How values show in the grid: timestamps in the browser's zone (the stored UTC value on hover),
// JSON as JSON, booleans and nulls distinct from text.
import { html } from './html.js';

const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * @param {{ kind: string }} column
 * @param {unknown} value
 */
export function formatCell(column, value) {
  if (value === null || value === undefined) return html`<span class="null">null</span>`;
  if (column.kind === 'timestamp' && typeof value === 'string') {
    return html`<time datetime=${value} title=${`stored: ${value} (UTC)`}>${localTime.format(new Date(value))}</time>`;
  }
  if (column.kind === 'json') {
    const text = JSON.stringify(value);
    return html`<code class="json" title=${JSON.stringify(value, null, 2)}>${text.length > 80 ? `${text.slice(0, 79)}…` : text}</code>`;
  }
  if (column.kind === 'boolean') return html`<span class="bool">${String(value)}</span>`;
  if (column.kind === 'enum') return html`<span class="enum">${String(value)}</span>`;
  const text = String(value);
  return text.length > 120 ? html`<span title=${text}>${text.slice(0, 119)}…</span>` : text;
}

/**
 * A timestamp as the value of a datetime-local input, in the browser's zone.
 * @param {string} iso
 */
export function toLocalInput(iso) {
  const date = new Date(iso);
  const pad = (/** @type {number} */ n, width = 2) => String(n).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
