import { SchemaError } from '../errors.js';
import { isRelations, type TableRelations } from './relations.js';
import { type AnyTable, getTableInfo, isTable } from './table.js';

/** A schema module: what `import * as schema from './schema'` gives. Non-table exports are ignored. */
export type SchemaModule = Record<string, unknown>;

/** The tables and relations found in a schema module. */
export interface CollectedSchema {
  /** Tables by export name. */
  readonly tables: ReadonlyMap<string, AnyTable>;
  /** Relations by export name. */
  readonly relations: ReadonlyMap<string, TableRelations>;
}

/**
 * Finds the tables and relations of a schema module and checks that they fit together:
 * distinct SQL table names, references and relations only to tables of the same schema.
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
  const bySqlName = new Map<string, string>();
  for (const [exportName, value] of Object.entries(module)) {
    if (isTable(value)) {
      const { name } = getTableInfo(value);
      const other = bySqlName.get(name);
      if (other) throw new SchemaError(`is exported twice, as "${other}" and "${exportName}"`, { table: name });
      bySqlName.set(name, exportName);
      tables.set(exportName, value);
    } else if (isRelations(value)) {
      relations.set(exportName, value);
    }
  }
  const members = new Set(tables.values());
  for (const table of members) {
    const info = getTableInfo(table);
    for (const column of Object.values(info.columns)) {
      const target = column.config.references?.target();
      if (!target) continue;
      const targetTable = target.placement?.table;
      if (!targetTable || !members.has(targetTable)) {
        throw new SchemaError(
          'references a column of a table that is not exported by this schema (a foreign key cannot cross databases; keep a plain column instead)',
          { table: info.name, column: column.placement?.key },
        );
      }
    }
  }
  for (const [exportName, declared] of relations) {
    if (!members.has(declared.table)) {
      throw new SchemaError(`relations "${exportName}" are declared for a table that this schema does not export`);
    }
  }
  return { tables, relations };
}
