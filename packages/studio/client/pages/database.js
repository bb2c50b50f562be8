// @ts-check
// One database: its tables with row counts (soft-deleted rows counted apart).
import { useEffect, useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html } from '../html.js';

/** @param {{ database: string, version: number }} props */
export function DatabasePage({ database, version }) {
  const [data, setData] = useState(/** @type {any} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  useEffect(() => {
    setData(null);
    api('GET', `db/${enc(database)}`).then(setData, (e) => setError(e.message));
  }, [database, version]);
  if (error) return html`<p class="error">${error}</p>`;
  if (!data) return html`<p class="loading">Loading…</p>`;
  const counts = new Map(data.counts.map((/** @type {any} */ c) => [c.name, c]));
  return html`
    <h1>${data.name} <span class="muted">${data.engine}</span></h1>
    <table class="grid" data-testid="tables">
      <thead><tr><th>table</th><th>SQL name</th><th class="num">rows</th><th class="num">soft-deleted</th><th>columns</th></tr></thead>
      <tbody>
        ${data.tables.map((/** @type {any} */ table) => {
          const count = /** @type {any} */ (counts.get(table.name));
          return html`<tr>
            <td><a href=${`#/db/${enc(database)}/t/${enc(table.name)}`}>${table.name}</a></td>
            <td class="muted">${table.sqlName}</td>
            <td class="num" data-testid=${`count-${table.name}`}>${count?.rows}</td>
            <td class="num">${count?.deleted ?? ''}</td>
            <td class="muted">${table.columns.length}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}
