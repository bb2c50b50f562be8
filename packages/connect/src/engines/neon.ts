import { StrataError } from '@strata/core';
import { loadDriver, redactUrl } from '@strata/sql';
import type { ConnectedDatabase } from '../options.js';
import type { EngineEntry } from './entry.js';

/** Neon's serverless driver: `neon+http://…` (one HTTPS request a statement) or `neon+ws://…`. */
export const neonEngine: EngineEntry<'neon'> = {
  engine: 'neon',
  forms: ['neon+http://… or neon+ws://… (Neon serverless driver)'],
  isServer: () => true,
  parse(url, { variable, forms }) {
    const neon = /^neon\+(http|https|ws|wss|websocket):\/\/(.*)$/i.exec(url);
    if (!neon) return undefined;
    const postgresUrl = `postgresql://${neon[2] ?? ''}`;
    try {
      new URL(postgresUrl);
    } catch {
      throw new StrataError(
        'CONFIG_INVALID',
        `${variable} is not a valid URL: ${redactUrl(postgresUrl)}. Use ${forms}`,
      );
    }
    return { engine: 'neon', url: postgresUrl, driver: /^https?$/i.test(neon[1] ?? '') ? 'http' : 'websocket' };
  },
  localPath: () => undefined,
  withLocalPath: (target) => target,
  async open(target, options) {
    const { createNeonDatabase } = await loadDriver('@strata/postgres', '0.1', () => import('@strata/postgres/neon'));
    const common = { schema: options.schema, url: target.url };
    const db =
      target.driver === 'http'
        ? await createNeonDatabase({
            ...common,
            driver: 'http',
            ...(options.neon?.fetchEndpoint !== undefined && { fetchEndpoint: options.neon.fetchEndpoint }),
          })
        : await createNeonDatabase({
            ...common,
            driver: 'websocket',
            ...(options.pool?.max !== undefined && { maxConnections: options.pool.max }),
            ...(options.neon?.webSocket && { webSocket: options.neon.webSocket }),
          });
    return db as unknown as ConnectedDatabase<typeof options.schema>;
  },
};
