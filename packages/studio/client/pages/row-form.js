// @ts-check
// Insert and edit a row. The server checks every value against the schema before writing and
// answers with a message per field; each shows under its input (a unique violation included).
import { useState } from 'preact/hooks';
import { api, enc } from '../api.js';
import { toLocalInput } from '../format.js';
import { html } from '../html.js';

/**
 * The text an input starts with for a stored value.
 * @param {{ kind: string }} column
 * @param {unknown} value
 */
function initialText(column, value) {
  if (value === null || value === undefined) return '';
  if (column.kind === 'timestamp') return toLocalInput(/** @type {string} */ (value));
  if (column.kind === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

/**
 * The value to send for an input's text, or an error to show on the field.
 * @param {{ kind: string }} column
 * @param {string} text
 * @returns {{ value: unknown } | { error: string }}
 */
function parse(column, text) {
  switch (column.kind) {
    case 'integer':
    case 'double':
      return text.trim() === '' || Number.isNaN(Number(text)) ? { error: 'expects a number' } : { value: Number(text) };
    case 'boolean':
      return { value: text === 'true' };
    case 'timestamp': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? { error: 'expects a date and time' } : { value: date.toISOString() };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: 'is not valid JSON' };
      }
    default:
      return { value: text };
  }
}

/**
 * @param {{ column: any, text: string, isNull: boolean, disabled: boolean, onText: (t: string) => void }} props
 */
function Input({ column, text, isNull, disabled, onText }) {
  const common = {
    id: `field-${column.name}`,
    name: column.name,
    disabled: disabled || isNull,
    'data-testid': `input-${column.name}`,
  };
  const onInput = (/** @type {any} */ e) => onText(e.target.value);
  if (column.kind === 'enum') {
    return html`<select ...${common} value=${text} onChange=${onInput}>
      <option value="" disabled>choose…</option>
      ${column.enumValues.map((/** @type {string} */ v) => html`<option value=${v}>${v}</option>`)}
    </select>`;
  }
  if (column.kind === 'boolean') {
    return html`<select ...${common} value=${text} onChange=${onInput}><option value="true">true</option><option value="false">false</option></select>`;
  }
  if (column.kind === 'json')
    return html`<textarea ...${common} class="mono" rows="4" value=${text} onInput=${onInput} />`;
  const type =
    { integer: 'number', double: 'number', timestamp: 'datetime-local', date: 'date' }[
      /** @type {string} */ (column.kind)
    ] ?? 'text';
  return html`<input ...${common} type=${type} step=${type === 'number' ? 'any' : type === 'datetime-local' ? '0.001' : undefined} maxlength=${column.length} value=${text} onInput=${onInput} />`;
}

/**
 * @param {{ database: string, table: any, row: any | null, onDone: (summary: string | null) => void, onCancel: () => void }} props
 */
export function RowForm({ database, table, row, onDone, onCancel }) {
  const editing = row !== null;
  const columns = table.columns.filter((/** @type {any} */ c) => !c.generated);
  const [texts, setTexts] = useState(() =>
    Object.fromEntries(
      columns.map((/** @type {any} */ c) => [
        c.name,
        editing ? initialText(c, row[c.name]) : c.kind === 'boolean' ? 'false' : '',
      ]),
    ),
  );
  const [nulls, setNulls] = useState(() =>
    Object.fromEntries(columns.map((/** @type {any} */ c) => [c.name, editing ? row[c.name] === null : false])),
  );
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [message, setMessage] = useState(/** @type {string | null} */ (null));
  const [busy, setBusy] = useState(false);

  const submit = async (/** @type {Event} */ event) => {
    event.preventDefault();
    /** @type {Record<string, unknown>} */
    const values = {};
    /** @type {Record<string, string>} */
    const local = {};
    for (const column of columns) {
      if (editing && column.primaryKey) continue;
      const text = texts[column.name] ?? '';
      // Left empty on insert: the column's default applies, or the server names the field as required.
      if (!editing && text === '' && column.kind !== 'boolean' && !nulls[column.name]) continue;
      if (!editing && nulls[column.name]) continue;
      const parsed = nulls[column.name] ? { value: null } : parse(column, text);
      if ('error' in parsed) local[column.name] = parsed.error;
      else if (!editing || JSON.stringify(parsed.value) !== JSON.stringify(row[column.name]))
        values[column.name] = parsed.value;
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return setMessage('Fix the fields marked below.');
    setBusy(true);
    try {
      const path = `db/${enc(database)}/tables/${enc(table.name)}/rows`;
      const body = editing
        ? await api('PATCH', `${path}/${enc(String(row[table.primaryKey]))}`, { values })
        : await api('POST', path, { values });
      onDone(body.change);
    } catch (error) {
      const failure = /** @type {any} */ (error);
      setErrors(failure.fields ?? {});
      setMessage(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return html`
    <div class="dialog" role="dialog" aria-label=${editing ? 'Edit row' : 'Insert row'}>
      <form onSubmit=${submit} data-testid="row-form">
        <h2>${editing ? `Edit ${table.name}` : `Insert into ${table.name}`}</h2>
        ${message && html`<p class="error" data-testid="form-error">${message}</p>`}
        ${columns.map(
          (/** @type {any} */ column) => html`<div class=${`field ${errors[column.name] ? 'invalid' : ''}`}>
            <label for=${`field-${column.name}`}>${column.name} <span class="muted">${column.kind}${column.notNull ? '' : ' · nullable'}${column.hasDefault ? ' · default' : ''}</span></label>
            <${Input} column=${column} text=${texts[column.name]} isNull=${nulls[column.name]} disabled=${editing && column.primaryKey} onText=${(/** @type {string} */ t) => setTexts({ ...texts, [column.name]: t })} />
            ${!column.notNull && html`<label class="null-toggle"><input type="checkbox" checked=${nulls[column.name]} onChange=${(/** @type {any} */ e) => setNulls({ ...nulls, [column.name]: e.target.checked })} /> null</label>`}
            ${column.kind === 'timestamp' && texts[column.name] && !nulls[column.name] && html`<small class="muted">your time zone; stored as UTC ${safeIso(texts[column.name])}</small>`}
            ${errors[column.name] && html`<p class="field-error" data-testid=${`error-${column.name}`}>${errors[column.name]}</p>`}
          </div>`,
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled=${busy} data-testid="save">${editing ? 'Save' : 'Insert'}</button>
          <button type="button" onClick=${onCancel}>Cancel</button>
        </div>
      </form>
    </div>
  `;
}

/** @param {string | undefined} text */
function safeIso(text) {
  const date = new Date(text ?? '');
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
