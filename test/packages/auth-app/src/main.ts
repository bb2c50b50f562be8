// Better Auth on Strata in a team's app: the auth tables defined once (without the API-key
// plugin's), created on SQLite, and Better Auth's own sign-up and sign-in through createAuth.
import { createAuth, defineAuthSchema } from '@strata/auth';
import { createDatabase } from '@strata/sqlite';

const auth = defineAuthSchema({ apiKey: false });
const db = await createDatabase({ schema: auth.schema, filename: './auth.sqlite3' });
try {
  await db.createTables();
  const betterAuth = createAuth({
    database: db,
    secret: 'packages-test-secret-packages-test-secret',
    baseURL: 'http://localhost:3000',
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true },
  });
  const credentials = { email: 'ada@example.com', password: 'correct horse battery staple' };
  const signedUp = await betterAuth.api.signUpEmail({ body: { ...credentials, name: 'Ada' } });
  const signedIn = await betterAuth.api.signInEmail({ body: credentials });
  console.log(
    JSON.stringify({
      user: signedUp.user.email,
      signedIn: signedIn.user.id === signedUp.user.id,
      users: await db.repos.user.count(),
      sessions: await db.repos.session.count(),
    }),
  );
} finally {
  await db.close();
}
