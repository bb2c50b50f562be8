// @ts-check
// The Studio's shell: a hash router (#/db/app/t/post?page=2) over the pages, and the undo bar.
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { html } from './html.js';
import { ConsolePage } from './pages/console.js';
import { DatabasePage } from './pages/database.js';
import { HomePage } from './pages/home.js';
import { MigrationsPage } from './pages/migrations.js';
import { TablePage } from './pages/table.js';

/** The current route: path segments and query parameters of the hash. */
function readRoute() {
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

function App() {
  const [route, setRoute] = useState(readRoute);
  const [lastChange, setLastChange] = useState(/** @type {string | null} */ (null));
  const [notice, setNotice] = useState(/** @type {string | null} */ (null));
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    api('GET', 'undo').then(
      (body) => setLastChange(body.lastChange),
      () => {},
    );
  }, [version]);

  /** Pages call this after a write: the undo bar shows it, and pages reload. */
  const changed = useCallback((/** @type {string | null} */ summary) => {
    setLastChange(summary);
    setVersion((v) => v + 1);
  }, []);
  const undo = async () => {
    try {
      const body = await api('POST', 'undo');
      setNotice(`Undone: ${body.undone}`);
      changed(body.lastChange);
    } catch (error) {
      setNotice(`Undo failed: ${/** @type {Error} */ (error).message}`);
    }
  };

  const [first, database, section, table] = route.segments;
  let page;
  if (first === 'db' && database && section === 't' && table) {
    page = html`<${TablePage} database=${database} table=${table} params=${route.params} version=${version} changed=${changed} />`;
  } else if (first === 'db' && database && section === 'migrations') {
    page = html`<${MigrationsPage} database=${database} />`;
  } else if (first === 'db' && database && section === 'sql') {
    page = html`<${ConsolePage} database=${database} />`;
  } else if (first === 'db' && database) {
    page = html`<${DatabasePage} database=${database} version=${version} />`;
  } else {
    page = html`<${HomePage} />`;
  }
  return html`
    <header class="top">
      <a class="brand" href="#/">Strata Studio</a>
      ${
        database &&
        html`<nav class="tabs">
        <a href=${`#/db/${encodeURIComponent(database)}`} class=${section === undefined || section === 't' ? 'active' : ''}>${database}: tables</a>
        <a href=${`#/db/${encodeURIComponent(database)}/migrations`} class=${section === 'migrations' ? 'active' : ''}>migrations</a>
        <a href=${`#/db/${encodeURIComponent(database)}/sql`} class=${section === 'sql' ? 'active' : ''}>SQL</a>
      </nav>`
      }
      <div class="undo">
        ${notice && html`<span class="notice" data-testid="notice">${notice}</span>`}
        ${lastChange && html`<button data-testid="undo" onClick=${undo} title=${`Undo: ${lastChange}`}>Undo ${lastChange}</button>`}
      </div>
    </header>
    <main>${page}</main>
  `;
}

render(html`<${App} />`, /** @type {HTMLElement} */ (document.getElementById('root')));
