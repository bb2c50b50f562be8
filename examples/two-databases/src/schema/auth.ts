// The auth database's schema: Better Auth's tables (and the API-key plugin's), from @strata/auth's
// schema entry, which loads none of Better Auth itself.
// Named exports, so `import * as auth` is a schema module for the CLI and for createDatabase.
import { authSchema } from '@strata/auth/schema';

export const { user, session, account, verification, apikey, userRelations, sessionRelations, accountRelations } =
  authSchema;
