// Better Auth's tables (user, session, account, verification) from @strata/auth. Every Codex
// table carries `deletedAt`; the user gets it as an extra field, which clients may not set.
import { defineAuthSchema } from '@strata/auth/schema';
import { softDelete } from '@strata/core';

/** Better Auth's tables with a soft-delete column on `user`, and the `user` options Better Auth needs. */
export const authTables = defineAuthSchema({
  userFields: { ...softDelete() },
  fieldOptions: { deletedAt: { input: false } },
});

export const { user, session, account, verification, userRelations, sessionRelations, accountRelations } =
  authTables.schema;
