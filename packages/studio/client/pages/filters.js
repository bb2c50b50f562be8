// @ts-check
// The filter bar: conditions built in the repository's where language, shown as the `where`
// an API call would take, and sent as is — the server filters exactly as `findMany` does.
import { useState } from 'preact/hooks';
import { html } from '../html.js';

const TEXT = ['text', 'varchar', 'enum'];
const UNORDERED = ['json', 'boolean'];

/** @param {{ kind: string }} column */
export function operatorsOf(column) {
  if (column.kind === 'json') return ['isNull', 'isNotNull'];
  const ops = ['eq', 'ne', 'in', 'isNull', 'isNotNull'];
  if (!UNORDERED.includes(column.kind)) ops.push('gt', 'gte', 'lt', 'lte');
  if (TEXT.includes(column.kind)) ops.push('contains', 'startsWith', 'endsWith');
  return ops;
}

/**
 * A typed value from an input's text.
 * @param {{ kind: string }} column
 * @param {string} text
 */
function typed(column, text) {
  if (column.kind === 'integer' || column.kind === 'double') return text.trim() === '' ? text : Number(text);
  if (column.kind === 'boolean') return text === 'true';
  if (column.kind === 'timestamp') {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  }
  return text;
}

/**
 * @typedef {{ field: string, op: string, value: string, ignoreCase: boolean }} Condition
 * @param {Condition} condition
 * @param {{ name: string, kind: string }} column
 */
function toWhere(condition, column) {
  const { field, op, value, ignoreCase } = condition;
  if (op === 'isNull') return { [field]: { isNull: true } };
  if (op === 'isNotNull') return { [field]: { isNull: false } };
  if (op === 'in') return { [field]: { in: value.split(',').map((part) => typed(column, part.trim())) } };
  if (op === 'eq') return { [field]: typed(column, value) };
  const operand = { [op]: typed(column, value) };
  if (ignoreCase && ['contains', 'startsWith', 'endsWith'].includes(op)) operand.ignoreCase = true;
  return { [field]: operand };
}

/**
 * Conditions read back from a simple where (`{ a: 1 }`, `{ a: { gt: 1 } }`, `{ and: [...] }`).
 * @param {any} where
 * @returns {Condition[]}
 */
function fromWhere(where) {
  if (!where || typeof where !== 'object') return [];
  const parts = Array.isArray(where.and) && Object.keys(where).length === 1 ? where.and : [where];
  /** @type {Condition[]} */
  const out = [];
  for (const part of parts) {
    for (const [field, operand] of Object.entries(part ?? {})) {
      if (field === 'and' || field === 'or' || field === 'not') return [];
      if (operand === null || typeof operand !== 'object') {
        out.push({ field, op: 'eq', value: String(operand), ignoreCase: false });
        continue;
      }
      const ignoreCase = operand.ignoreCase === true;
      for (const [op, value] of Object.entries(operand)) {
        if (op === 'ignoreCase') continue;
        if (op === 'isNull') out.push({ field, op: value ? 'isNull' : 'isNotNull', value: '', ignoreCase });
        else out.push({ field, op, value: Array.isArray(value) ? value.join(', ') : String(value), ignoreCase });
      }
    }
  }
  return out;
}

/**
 * @param {{ columns: any[], where: any, onApply: (where: any) => void }} props
 */
export function FilterBar({ columns, where, onApply }) {
  const [conditions, setConditions] = useState(() => fromWhere(where));
  const [raw, setRaw] = useState(where ? JSON.stringify(where) : '');
  const [rawError, setRawError] = useState(/** @type {string | null} */ (null));
  const byName = new Map(columns.map((c) => [c.name, c]));
  const build = (/** @type {Condition[]} */ list) => {
    const parts = list.map((c) => toWhere(c, byName.get(c.field)));
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { and: parts };
  };
  const update = (/** @type {number} */ i, /** @type {Partial<Condition>} */ patch) =>
    setConditions(conditions.map((c, j) => (i === j ? { ...c, ...patch } : c)));
  const apply = (/** @type {Event} */ event) => {
    event.preventDefault();
    onApply(build(conditions));
  };
  const applyRaw = (/** @type {Event} */ event) => {
    event.preventDefault();
    try {
      onApply(raw.trim() === '' ? null : JSON.parse(raw));
      setRawError(null);
    } catch {
      setRawError('not valid JSON');
    }
  };
  return html`
    <form class="filters" onSubmit=${apply} data-testid="filters">
      ${conditions.map((c, i) => {
        const column = byName.get(c.field) ?? columns[0];
        const ops = operatorsOf(column);
        return html`<div class="condition">
          <select aria-label="field" value=${c.field} onChange=${(/** @type {any} */ e) => update(i, { field: e.target.value, op: operatorsOf(byName.get(e.target.value))[0] })}>
            ${columns.map((col) => html`<option value=${col.name}>${col.name}</option>`)}
          </select>
          <select aria-label="operator" value=${c.op} onChange=${(/** @type {any} */ e) => update(i, { op: e.target.value })}>
            ${ops.map((op) => html`<option value=${op}>${op}</option>`)}
          </select>
          ${
            !['isNull', 'isNotNull'].includes(c.op) &&
            (column.kind === 'enum' && c.op !== 'in'
              ? html`<select aria-label="value" value=${c.value} onChange=${(/** @type {any} */ e) => update(i, { value: e.target.value })}>
                <option value=""></option>
                ${column.enumValues.map((/** @type {string} */ v) => html`<option value=${v}>${v}</option>`)}
              </select>`
              : column.kind === 'boolean' && c.op !== 'in'
                ? html`<select aria-label="value" value=${c.value} onChange=${(/** @type {any} */ e) => update(i, { value: e.target.value })}>
                  <option value="true">true</option><option value="false">false</option>
                </select>`
                : html`<input aria-label="value" type=${column.kind === 'timestamp' && c.op !== 'in' ? 'datetime-local' : 'text'} step="0.001" value=${c.value} onInput=${(/** @type {any} */ e) => update(i, { value: e.target.value })} />`)
          }
          ${
            ['contains', 'startsWith', 'endsWith'].includes(c.op) &&
            html`<label><input type="checkbox" checked=${c.ignoreCase} onChange=${(/** @type {any} */ e) => update(i, { ignoreCase: e.target.checked })} /> ignore case</label>`
          }
          <button type="button" class="link" onClick=${() => setConditions(conditions.filter((_, j) => j !== i))}>remove</button>
        </div>`;
      })}
      <div class="actions">
        <button type="button" onClick=${() => setConditions([...conditions, { field: columns[0].name, op: operatorsOf(columns[0])[0], value: columns[0].kind === 'boolean' ? 'true' : '', ignoreCase: false }])}>+ filter</button>
        <button type="submit" data-testid="apply-filters">Apply</button>
        ${
          where &&
          html`<button type="button" onClick=${() => {
            setConditions([]);
            onApply(null);
          }}>Clear</button>`
        }
      </div>
    </form>
    <form class="where" onSubmit=${applyRaw}>
      <label>where <input class="mono" data-testid="where-json" value=${raw} onInput=${(/** @type {any} */ e) => setRaw(e.target.value)} placeholder='{"title": {"contains": "x"}}' /></label>
      <button type="submit">Apply JSON</button>
      ${rawError && html`<span class="error">${rawError}</span>`}
    </form>
  `;
}
