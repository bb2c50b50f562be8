// @ts-check
// A table's rows: one page at a time (never the whole table), sorted and filtered as the
// repository does, soft-deleted rows hidden or shown, relations as links both ways.
import { useEffect, useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { formatCell } from '../format.js';
import { html } from '../html.js';
import { FilterBar } from './filters.js';
import { RowForm } from './row-form.js';

/** @type {Map<string, any>} */
const catalogs = new Map();

/** The catalog of a database, fetched once per page load. @param {string} database */
async function catalogOf(database) {
  if (!catalogs.has(database)) catalogs.set(database, await api('GET', `db/${enc(database)}`));
  return catalogs.get(database);
}

/**
 * The hash of a table page with these parameters.
 * @param {string} database @param {string} table @param {Record<string, string | null | undefined>} params
 */
export function tableHref(database, table, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return `#/db/${enc(database)}/t/${enc(table)}${text ? `?${text}` : ''}`;
}

/** @param {{ database: string, table: string, params: URLSearchParams, version: number, changed: (s: string | null) => void }} props */
export function TablePage({ database, table, params, version, changed }) {
  const [meta, setMeta] = useState(/** @type {any} */ (null));
  const [page, setPage] = useState(/** @type {any} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const [editing, setEditing] = useState(/** @type {any} */ (undefined));
  const query = params.toString();
  const current = Object.fromEntries(params.entries());
  const go = (/** @type {Record<string, string | null>} */ patch) => {
    location.hash = tableHref(database, table, { ...current, ...patch });
  };

  useEffect(() => {
    let live = true;
    setError(null);
    catalogOf(database)
      .then(async (catalog) => {
        const description = catalog.tables.find((/** @type {any} */ t) => t.name === table);
        if (!description) throw new Error(`no table "${table}" in database "${database}"`);
        const rows = await api('GET', `db/${enc(database)}/tables/${enc(table)}/rows?${query}`);
        if (live) {
          setMeta(description);
          setPage(rows);
        }
      })
      .catch((e) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [database, table, query, version]);

  if (!meta && error) return html`<p class="error" data-testid="error">${error}</p>`;
  if (!meta || !page) return html`<p class="loading">Loading…</p>`;

  const where = current.where ? safeJson(current.where) : null;
  const [sortField, sortDir] = (current.orderBy ?? '').split(':');
  const sortBy = (/** @type {string} */ field) =>
    go({ orderBy: `${field}:${sortField === field && sortDir !== 'desc' ? 'desc' : 'asc'}`, page: null });
  const deleted = current.deleted ?? 'live';
  const outgoing = new Map(
    meta.outgoing
      .filter((/** @type {any} */ l) => l.fields.length === 1)
      .map((/** @type {any} */ l) => [l.fields[0], l]),
  );
  const act = async (/** @type {string} */ method, /** @type {string} */ path) => {
    try {
      const body = await api(method, `db/${enc(database)}/tables/${enc(table)}/rows/${path}`);
      changed(body.change);
    } catch (e) {
      setError(/** @type {Error} */ (e).message);
    }
  };
  const pk = meta.primaryKey;

  return html`
    <h1>${meta.name} <span class="muted">${page.total} rows${where ? ' matching' : ''}</span></h1>
    <div class="toolbar">
      <${FilterBar} key=${current.where ?? ''} columns=${meta.columns} where=${where} onApply=${(/** @type {any} */ w) => go({ where: w ? JSON.stringify(w) : null, page: null })} />
      <div class="right">
        ${
          meta.softDelete &&
          html`<label>soft-deleted rows
          <select data-testid="deleted-toggle" value=${deleted} onChange=${(/** @type {any} */ e) => go({ deleted: e.target.value === 'live' ? null : e.target.value, page: null })}>
            <option value="live">hidden</option><option value="with">shown</option><option value="only">only</option>
          </select></label>`
        }
        ${pk && html`<button class="primary" data-testid="insert" onClick=${() => setEditing(null)}>Insert row</button>`}
      </div>
    </div>
    ${where && html`<p class="api-call mono">db.repos.${meta.name}.findMany({ where: ${JSON.stringify(where)}${deleted === 'with' ? ', withDeleted: true' : deleted === 'only' ? ', onlyDeleted: true' : ''} })</p>`}
    ${error && html`<p class="error" data-testid="error">${error}</p>`}
    <div class="scroll" key=${`${database}/${table}`}>
      <table class="grid rows" data-testid="rows">
        <thead><tr>
          ${pk && html`<th></th>`}
          ${meta.columns.map((/** @type {any} */ c) => html`<th><button class="sort" onClick=${() => sortBy(c.name)} title=${`${c.kind}${c.sqlName !== c.name ? ` · ${c.sqlName}` : ''}`}>${c.name}${sortField === c.name ? (sortDir === 'desc' ? ' ▼' : ' ▲') : ''}</button></th>`)}
          ${meta.incoming.length > 0 && html`<th>related</th>`}
        </tr></thead>
        <tbody>
          ${page.items.map((/** @type {any} */ row) => {
            const isDeleted = meta.softDelete && row[meta.softDelete] !== null;
            return html`<tr class=${isDeleted ? 'deleted' : ''} data-testid="row">
              ${
                pk &&
                html`<td class="actions">
                <button class="link" data-testid="edit" onClick=${() => setEditing(row)}>edit</button>
                ${
                  isDeleted
                    ? html`<button class="link" data-testid="restore" onClick=${() => act('POST', `${enc(String(row[pk]))}/restore`)}>restore</button>`
                    : html`<button class="link danger" data-testid="delete" onClick=${() => (meta.softDelete || confirm(`Delete this ${meta.name} row for good?`)) && act('DELETE', enc(String(row[pk])))}>delete</button>`
                }
              </td>`
              }
              ${meta.columns.map((/** @type {any} */ c) => {
                const link = outgoing.get(c.name);
                const cell = formatCell(c, row[c.name]);
                return html`<td class=${c.kind}>${link && row[c.name] !== null ? html`<a href=${tableHref(link.toDatabase ?? database, link.to, { where: JSON.stringify({ [link.references[0]]: row[c.name] }) })} title=${`${link.toDatabase ? `${link.toDatabase}.` : ''}${link.to}.${link.references[0]}`} class=${link.toDatabase ? 'cross' : ''} data-testid=${link.toDatabase ? 'cross-link' : undefined}>${cell}</a>` : cell}</td>`;
              })}
              ${meta.incoming.length > 0 && html`<td class="related">${meta.incoming.map((/** @type {any} */ l) => html`<${RelatedLink} database=${database} link=${l} row=${row} /> `)}</td>`}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <nav class="pager" data-testid="pager">
      <button disabled=${page.page <= 1} onClick=${() => go({ page: String(page.page - 1) })}>← previous</button>
      <span>page ${page.page} of ${Math.max(page.pageCount, 1)}</span>
      <button disabled=${page.page >= page.pageCount} data-testid="next" onClick=${() => go({ page: String(page.page + 1) })}>next →</button>
      <select value=${String(page.pageSize)} onChange=${(/** @type {any} */ e) => go({ pageSize: e.target.value, page: null })} aria-label="rows per page">
        ${[25, 50, 100, 250, 500].map((n) => html`<option value=${String(n)}>${n} per page</option>`)}
      </select>
    </nav>
    ${
      editing !== undefined &&
      html`<${RowForm} database=${database} table=${meta} row=${editing} onCancel=${() => setEditing(undefined)} onDone=${(
        /** @type {string | null} */ summary,
      ) => {
        setEditing(undefined);
        changed(summary);
      }} />`
    }
  `;
}

/**
 * A link to the rows of another table that point at this row: in this database, or in another
 * one (`fromDatabase`, a link between databases such as `userId` to the auth database's user).
 * @param {{ database: string, link: any, row: any }} props
 */
function RelatedLink({ database, link, row }) {
  const where = Object.fromEntries(
    link.fields.map((/** @type {string} */ f, /** @type {number} */ i) => [f, row[link.references[i]]]),
  );
  const href = tableHref(link.fromDatabase ?? database, link.from, { where: JSON.stringify(where) });
  if (!link.fromDatabase) return html`<a href=${href}>${link.from}</a>`;
  return html`<a href=${href} class="cross" data-testid="cross-related" title=${`${link.from}.${link.fields[0]} in database ${link.fromDatabase}`}><span class="muted">${link.fromDatabase}.</span>${link.from}</a>`;
}

/** @param {string} text */
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
