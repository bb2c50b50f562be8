// @ts-check
// Migrations of one database, as `strata status` reports them (applied, pending, changed,
// missing, out-of-order, drift), with apply and roll back behind a confirmation showing the SQL.
import { useEffect, useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html } from '../html.js';

/** @param {{ database: string }} props */
export function MigrationsPage({ database }) {
  const [view, setView] = useState(/** @type {any} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const [confirming, setConfirming] = useState(
    /** @type {null | { action: 'apply' | 'rollback', ids: string[], sql: string[] }} */ (null),
  );
  const [done, setDone] = useState(/** @type {string | null} */ (null));
  useEffect(() => {
    api('GET', `db/${enc(database)}/migrations`).then(setView, (e) => setError(e.message));
  }, [database]);
  if (error && !view) return html`<p class="error" data-testid="error">${error}</p>`;
  if (!view) return html`<p class="loading">Loading…</p>`;

  const pending = view.migrations.filter((/** @type {any} */ m) => m.state === 'pending');
  const newest = view.migrations.filter((/** @type {any} */ m) => m.state === 'applied').at(-1);
  const run = async () => {
    if (!confirming) return;
    try {
      const next = await api('POST', `db/${enc(database)}/migrations/${confirming.action}`, { expect: confirming.ids });
      setDone(`${confirming.action === 'apply' ? 'Applied' : 'Rolled back'} ${confirming.ids.join(', ')}`);
      setView(next);
      setError(null);
    } catch (e) {
      setError(/** @type {Error} */ (e).message);
    }
    setConfirming(null);
  };

  return html`
    <h1>Migrations <span class="muted">${view.dialect} · ${view.folder}</span></h1>
    ${done && html`<p class="notice" data-testid="migrations-done">${done}</p>`}
    ${error && html`<p class="error" data-testid="error">${error}</p>`}
    ${view.problems.map((/** @type {string} */ p) => html`<p class="error">${p}</p>`)}
    ${view.drift.length > 0 && html`<div class="error"><strong>Drift</strong> (changed outside migrations):<ul>${view.drift.map((/** @type {string} */ d) => html`<li class="mono">${d}</li>`)}</ul></div>`}
    <table class="grid" data-testid="migrations">
      <thead><tr><th>migration</th><th>state</th><th>applied at</th><th></th></tr></thead>
      <tbody>
        ${view.migrations.map(
          (/** @type {any} */ m) => html`<tr class=${`state-${m.state}`} data-testid=${`migration-${m.id}`}>
          <td class="mono">${m.id}${m.custom ? html` <span class="muted">custom</span>` : ''}</td>
          <td data-testid="state">${m.state}</td>
          <td>${m.appliedAt ? html`<time title=${`${m.appliedAt} (UTC)`}>${new Date(m.appliedAt).toLocaleString()}</time>` : ''}</td>
          <td><details><summary>SQL</summary><pre class="sql">${m.up.join('\n\n')}</pre></details></td>
        </tr>`,
        )}
      </tbody>
    </table>
    <div class="actions">
      <button class="primary" data-testid="apply" disabled=${pending.length === 0 || view.problems.length > 0}
        onClick=${() => setConfirming({ action: 'apply', ids: pending.map((/** @type {any} */ m) => m.id), sql: pending.flatMap((/** @type {any} */ m) => [`-- ${m.id}`, ...m.up]) })}>
        Apply ${pending.length} pending
      </button>
      <button data-testid="rollback" disabled=${!newest}
        onClick=${() => newest && setConfirming({ action: 'rollback', ids: [newest.id], sql: [`-- ${newest.id} (down)`, ...newest.down] })}>
        Roll back ${newest ? newest.id : ''}
      </button>
    </div>
    ${
      confirming &&
      html`<div class="dialog" role="dialog" aria-label="Confirm">
      <div>
        <h2>${confirming.action === 'apply' ? 'Apply' : 'Roll back'} ${confirming.ids.join(', ')}?</h2>
        <p>This SQL runs in one transaction per migration:</p>
        <pre class="sql" data-testid="confirm-sql">${confirming.sql.join('\n\n')}</pre>
        <div class="actions">
          <button class="primary" data-testid="confirm" onClick=${run}>${confirming.action === 'apply' ? 'Apply' : 'Roll back'}</button>
          <button onClick=${() => setConfirming(null)}>Cancel</button>
        </div>
      </div>
    </div>`
    }
  `;
}
