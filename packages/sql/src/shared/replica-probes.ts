/** What one replica answered to a health probe. */
export interface ReplicaProbeResult {
  /**
   * How far its replay is behind, in ms, when it is a streaming standby; undefined when it is not
   * (a logical replica, a stand-in) or cannot tell.
   */
  readonly lagMs: number | undefined;
}

/** How `health()` reaches one read replica of a database. */
export interface ReplicaProbe {
  /** The replica's url with its password redacted. */
  readonly url: string;
  /** One round trip: its replay lag. Throws when the replica does not answer. */
  probe(): Promise<ReplicaProbeResult>;
}

const probes = new WeakMap<object, readonly ReplicaProbe[]>();

/**
 * Attaches the probes of a database's read replicas, for `health()`; engine packages with
 * replicas call it when they open a database.
 *
 * @example
 * ```ts
 * attachReplicaProbes(database, [{ url: redactUrl(replicaUrl), probe: () => lagOf(replicaExecutor) }]);
 * ```
 */
export function attachReplicaProbes(database: object, replicas: readonly ReplicaProbe[]): void {
  probes.set(database, replicas);
}

/**
 * The probes of a database's read replicas; empty when it has none.
 *
 * @example
 * ```ts
 * for (const replica of replicaProbesOf(db)) console.log(replica.url, await replica.probe());
 * ```
 */
export function replicaProbesOf(database: object): readonly ReplicaProbe[] {
  return probes.get(database) ?? [];
}
