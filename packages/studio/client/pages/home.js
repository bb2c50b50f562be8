// @ts-check
// The databases of the project: name, engine, number of tables.
import { useEffect, useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html } from '../html.js';

export function HomePage() {
  const [data, setData] = useState(/** @type {any} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  useEffect(() => {
    api('GET', 'databases').then(setData, (e) => setError(e.message));
  }, []);
  if (error) return html`<p class="error">${error}</p>`;
  if (!data) return html`<p class="loading">Loading…</p>`;
  return html`
    <h1>Databases</h1>
    <ul class="cards" data-testid="databases">
      ${data.databases.map(
        (/** @type {any} */ db) => html`<li>
          <a href=${`#/db/${enc(db.name)}`}><strong>${db.name}</strong></a>
          <span class="muted">${db.engine} · ${db.tables} tables</span>
        </li>`,
      )}
    </ul>
    ${
      data.links.length > 0 &&
      html`<h2>Links between databases</h2>
      <p class="muted">${data.links.some((/** @type {any} */ l) => l.convention) ? 'By the userId convention: a userId field links to the user of the database holding Better Auth’s user table.' : 'Declared with the links option.'}</p>
      <ul class="links" data-testid="links">
        ${data.links.map((/** @type {any} */ l) => html`<li class="mono">${l.from} → ${l.to}</li>`)}
      </ul>`
    }
  `;
}
