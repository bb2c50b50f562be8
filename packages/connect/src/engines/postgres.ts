import { StrataError } from '@strata/core';
import { loadDriver, redactUrl } from '@strata/sql';
import type { ConnectedDatabase } from '../options.js';
import type { EngineEntry } from './entry.js';

/** A PostgreSQL server through postgres-js: `postgres://…`, `postgresql://…`. */
export const postgresEngine: EngineEntry<'postgres'> = {
  engine: 'postgres',
  forms: ['postgres://user:password@host:5432/db', 'postgresql://…'],
  isServer: () => true,
  parse(url, { variable, forms }) {
    if (!/^postgres(ql)?:\/\//i.test(url)) return undefined;
    try {
      new URL(url);
    } catch {
      throw new StrataError('CONFIG_INVALID', `${variable} is not a valid URL: ${redactUrl(url)}. Use ${forms}`);
    }
    return { engine: 'postgres', url };
  },
  localPath: () => undefined,
  withLocalPath: (target) => target,
  async open(target, options) {
    const { createDatabase } = await loadDriver('@strata/postgres', '0.1', () => import('@strata/postgres'));
    const { schema, pool } = options;
    return (await createDatabase({
      schema,
      url: target.url,
      ...(pool?.max !== undefined && { maxConnections: pool.max }),
      ...(pool?.idleTimeoutSeconds !== undefined && { idleTimeoutSeconds: pool.idleTimeoutSeconds }),
      ...(pool?.connectTimeoutSeconds !== undefined && { connectTimeoutSeconds: pool.connectTimeoutSeconds }),
      ...(options.pooler && { pooler: options.pooler }),
      ...(options.statementTimeoutMs !== undefined && { statementTimeoutMs: options.statementTimeoutMs }),
      ...(options.replicas && { replicas: options.replicas }),
      ...(options.log && { log: options.log }),
      ...(options.onRetry && { onRetry: options.onRetry }),
      ...(options.onReplica && { onReplica: options.onReplica }),
    })) as unknown as ConnectedDatabase<typeof schema>;
  },
};
