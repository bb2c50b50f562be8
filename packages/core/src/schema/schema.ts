import { SchemaError } from '../errors.js';
import { type AnyColumn, storageFamily } from './column.js';
import { referencedColumn } from './reference.js';
import { isRelations, type TableRelations } from './relations.js';
import { type AnyTable, getTableInfo, isTable } from './table.js';

/** A schema module: what `import * as schema from './schema'` gives. Non-table exports are ignored. */
export type SchemaModule = Record<string, unknown>;

/** The tables and relations found in a schema module. */
export interface CollectedSchema {
  /** Tables by export name (a table exported under two names is listed once, under the first). */
  readonly tables: ReadonlyMap<string, AnyTable>;
  /** Relations by export name. */
  readonly relations: ReadonlyMap<string, TableRelations>;
}

function tableOf(column: AnyColumn): AnyTable | undefined {
  return column.placement?.table;
}

/**
 * Finds the tables and relations of a schema module and checks that they fit together: distinct
 * SQL table names and index names (compared without case, as SQLite does), references and
 * relations only between tables of the same schema.
 *
 * @example
 * ```ts
 * import * as schema from './schema.js';
 * collectSchema(schema).tables.size; // 3
 * ```
 */
export function collectSchema(module: SchemaModule): CollectedSchema {
  const tables = new Map<string, AnyTable>();
  const relations = new Map<string, TableRelations>();
  const bySqlName = new Map<string, { exportName: string; table: AnyTable }>();
  for (const [exportName, value] of Object.entries(module)) {
    if (isTable(value)) {
      const { name } = getTableInfo(value);
      const other = bySqlName.get(name.toLowerCase());
      if (other?.table === value) continue; // the same table exported under another name
      if (other) {
        throw new SchemaError(`two tables are named "${name}" (exports "${other.exportName}" and "${exportName}")`, {
          table: name,
        });
      }
      bySqlName.set(name.toLowerCase(), { exportName, table: value });
      tables.set(exportName, value);
    } else if (isRelations(value)) {
      relations.set(exportName, value);
    }
  }
  const members = new Set(tables.values());
  const indexNames = new Map<string, string>();
  for (const table of members) {
    const info = getTableInfo(table);
    for (const [key, column] of Object.entries(info.columns)) {
      const target = referencedColumn(column, info.name, key, tables);
      if (!target) continue;
      const targetTable = tableOf(target);
      if (!targetTable || !members.has(targetTable)) {
        throw new SchemaError(
          'references a column of a table that is not exported by this schema (a foreign key cannot cross databases; keep a plain column instead)',
          { table: info.name, column: column.placement?.key },
        );
      }
      if (storageFamily(column.config.kind) !== storageFamily(target.config.kind)) {
        throw new SchemaError(
          `is a ${column.config.kind} column referencing the ${target.config.kind} column "${getTableInfo(targetTable).name}.${target.placement?.key}"; a foreign key needs the same storage type on both sides (use ${target.config.kind === 'id' ? 'uuid()' : `a ${storageFamily(target.config.kind)} column`})`,
          { table: info.name, column: column.placement?.key },
        );
      }
    }
    // Index names (and the indexes behind unique and primary keys) share one namespace per schema.
    for (const { name, index } of info.constraintNames) {
      if (!index) continue;
      const owner = indexNames.get(name.toLowerCase());
      if (owner) throw new SchemaError(`index "${name}" is also an index of table "${owner}"`, { table: info.name });
      indexNames.set(name.toLowerCase(), info.name);
    }
  }
  for (const [exportName, declared] of relations) {
    const where = { table: getTableInfo(declared.table).name };
    if (!members.has(declared.table)) {
      throw new SchemaError(
        `relations "${exportName}" are declared for a table that this schema does not export`,
        where,
      );
    }
    for (const [relationName, relation] of Object.entries(declared.build())) {
      if (!members.has(relation.target)) {
        throw new SchemaError(`relation "${relationName}" points at a table that this schema does not export`, where);
      }
      if (relation.kind !== 'one') continue;
      const fieldsHere = (relation.fields ?? []).every((c) => tableOf(c) === declared.table);
      const referencesThere = (relation.references ?? []).every((c) => tableOf(c) === relation.target);
      if (!fieldsHere || !referencesThere || (relation.fields?.length ?? 0) !== (relation.references?.length ?? 0)) {
        throw new SchemaError(
          `relation "${relationName}" needs as many fields (columns of this table) as references (columns of the target)`,
          where,
        );
      }
    }
  }
  return { tables, relations };
}
