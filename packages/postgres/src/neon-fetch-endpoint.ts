import type { neonConfig as NeonConfig } from '@neondatabase/serverless';
import type { NeonFetchEndpoint } from '@strata/sql/postgres';

// fetchEndpoint routing. Neon's driver reads `fetchEndpoint` only from its process-wide
// `neonConfig`, per query. Setting it outright for one database would send every other database's
// queries there too; so while any database has one, `neonConfig.fetchEndpoint` is a router by host
// and port that falls back to the previous setting, which is put back when the last one closes.
// This is the one piece of module state here, forced by the driver's global configuration.

interface FetchRoutes {
  readonly routes: Map<string, NeonFetchEndpoint[]>;
  readonly router: (typeof NeonConfig)['fetchEndpoint'];
  readonly previous: (typeof NeonConfig)['fetchEndpoint'];
}

let fetchRoutes: FetchRoutes | undefined;

/** `host:port` as Neon's driver sees them when it asks for an endpoint. */
export function endpointKey(url: URL): string {
  // The driver reparses the url as http: to read host and port; do the same so keys match.
  const asHttp = new URL(`http:${url.href.slice(url.protocol.length)}`);
  return `${asHttp.hostname}:${asHttp.port}`;
}

/** Routes queries to `key` through `endpoint`; returns the function that removes the route. */
export function routeFetchEndpoint(config: typeof NeonConfig, key: string, endpoint: NeonFetchEndpoint): () => void {
  if (!fetchRoutes) {
    const routes = new Map<string, NeonFetchEndpoint[]>();
    const previous = config.fetchEndpoint;
    const router: FetchRoutes['router'] = (host, port, options) => {
      const target = routes.get(`${host}:${port}`)?.at(-1) ?? previous;
      return typeof target === 'function' ? target(host, port, options) : target;
    };
    fetchRoutes = { routes, router, previous };
    config.fetchEndpoint = router;
  }
  const { routes } = fetchRoutes;
  const stack = routes.get(key) ?? [];
  stack.push(endpoint);
  routes.set(key, stack);
  let removed = false;
  return () => {
    if (removed || !fetchRoutes) return;
    removed = true;
    stack.splice(stack.lastIndexOf(endpoint), 1);
    if (stack.length === 0) routes.delete(key);
    if (routes.size > 0) return;
    // Put the previous setting back, unless someone has replaced the router since.
    if (config.fetchEndpoint === fetchRoutes.router) config.fetchEndpoint = fetchRoutes.previous;
    fetchRoutes = undefined;
  };
}
