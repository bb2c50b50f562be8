import { collectSchema, getTableInfo, type SchemaModule } from '@strata/core';

/**
 * The roles a schema's row-level security policies name (`public` is every role, not one):
 * a migration's `CREATE POLICY … TO authenticated` fails where the role does not exist.
 *
 * @example
 * ```ts
 * policyRoles(schema); // ['anon', 'authenticated']
 * ```
 */
export function policyRoles(schema: SchemaModule): string[] {
  const roles = new Set<string>();
  for (const table of collectSchema(schema).tables.values()) {
    for (const policy of getTableInfo(table).rowLevelSecurity?.policies ?? []) {
      for (const role of policy.roles) if (role !== 'public') roles.add(role);
    }
  }
  return [...roles].sort();
}

/**
 * SQL creating the roles a schema's policies name, where they are missing, as NOLOGIN roles: an
 * in-memory replay database has none of the server's roles (Supabase's `authenticated`, say), and
 * the replay checks the migrations, not the server's roles. Role names are checked by `policy()`
 * (lower-case letters, digits and _), so quoting them is enough.
 *
 * @example
 * ```ts
 * await pglite.exec(createPolicyRolesSql(schema));
 * ```
 */
export function createPolicyRolesSql(schema: SchemaModule): string {
  return policyRoles(schema)
    .map(
      (role) =>
        `do $$ begin if not exists (select from pg_roles where rolname = '${role}') then create role "${role}" nologin; end if; end $$;`,
    )
    .join('\n');
}
