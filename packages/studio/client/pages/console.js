// @ts-check
// A read-only SQL console: one query at a time, in a read-only transaction, with its plan.
import { useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { html } from '../html.js';

/** @param {{ database: string }} props */
export function ConsolePage({ database }) {
  const [sql, setSql] = useState('');
  const [result, setResult] = useState(/** @type {any} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const run = async (/** @type {boolean} */ explain) => {
    try {
      setResult(await api('POST', `db/${enc(database)}/sql`, { sql, explain }));
      setError(null);
    } catch (e) {
      setError(/** @type {Error} */ (e).message);
      setResult(null);
    }
  };
  return html`
    <h1>SQL <span class="muted">read-only</span></h1>
    <form onSubmit=${(/** @type {Event} */ e) => {
      e.preventDefault();
      run(false);
    }}>
      <textarea class="mono console" data-testid="sql" rows="6" value=${sql} placeholder="select * from …"
        onInput=${(/** @type {any} */ e) => setSql(e.target.value)}
        onKeyDown=${(/** @type {KeyboardEvent} */ e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            run(false);
          }
        }} />
      <div class="actions">
        <button class="primary" type="submit" data-testid="run">Run</button>
        <button type="button" data-testid="explain" onClick=${() => run(true)}>Explain</button>
        <span class="muted">Queries run in a read-only transaction; writes are refused. Ctrl+Enter runs.</span>
      </div>
    </form>
    ${error && html`<p class="error" data-testid="error">${error}</p>`}
    ${
      result &&
      html`<p class="muted">${result.rows.length} rows${result.truncated ? ' (first 1000 shown)' : ''} · ${result.durationMs} ms · <code>${result.statement}</code></p>
      <div class="scroll"><table class="grid" data-testid="result">
        <thead><tr>${result.columns.map((/** @type {string} */ c) => html`<th>${c}</th>`)}</tr></thead>
        <tbody>${result.rows.map((/** @type {any[]} */ row) => html`<tr>${row.map((v) => html`<td>${v === null ? html`<span class="null">null</span>` : typeof v === 'object' ? html`<code class="json">${JSON.stringify(v)}</code>` : String(v)}</td>`)}</tr>`)}</tbody>
      </table></div>`
    }
  `;
}
