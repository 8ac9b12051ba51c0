import type { AtlasClient } from '../../atlas';
import type { Breaker } from './circuit-breaker';

/** One configured set of Atlas credentials, with its own client and circuit breaker. */
export interface Connection {
  name: string;
  atlas: AtlasClient;
  /** Per connection: one credential failing (revoked, say) does not fail-fast the others. */
  breaker: Breaker;
  /** `undefined`: whatever organization the credentials reach. */
  orgIds: ReadonlySet<string> | undefined;
}

export interface AtlasConnections {
  readonly all: readonly Connection[];
  /** The connection that serves this organization, if any. */
  forOrg(orgId: string): Connection | undefined;
}

/**
 * Routes each organization to the credentials configured for it. An explicit org list wins;
 * a connection without one (ATLAS_* variables, or the simulator) serves whatever it reaches.
 */
export function atlasConnections(all: readonly Connection[]): AtlasConnections {
  const byOrg = new Map<string, Connection>();
  for (const connection of all) {
    for (const orgId of connection.orgIds ?? []) byOrg.set(orgId, connection);
  }
  const catchAll = all.find((c) => c.orgIds === undefined);
  return {
    all,
    forOrg: (orgId) => byOrg.get(orgId) ?? catchAll,
  };
}
