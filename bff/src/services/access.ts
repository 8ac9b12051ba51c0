import type { AccessRules, OrgGrant } from '../config';
import { AppError } from '../errors';

/**
 * Who is asking, and which organizations they may see. The BFF holds keys that read whole
 * bills, so it decides this itself (ASVS 8.3.3: the originating subject's permissions, not the
 * intermediary's); Atlas only ever sees the BFF.
 */
export interface Viewer {
  /** Stable user id: the lower-cased e-mail behind a proxy, `local` without identity. */
  id: string;
  groups: readonly string[];
  /** True when the user may see every organization the connections serve. */
  seesAll: boolean;
  /** The organizations granted by name (empty when `seesAll`: then every served one). */
  grantedOrgIds: ReadonlySet<string>;
  canSee(orgId: string): boolean;
}

/** The one viewer of `AUTH_MODE=none`: one trusted team, every organization. */
export const LOCAL_VIEWER: Viewer = Object.freeze({
  id: 'local',
  groups: Object.freeze([]),
  seesAll: true,
  grantedOrgIds: new Set<string>(),
  canSee: () => true,
});

/** Deny by default: a user with no matching rule sees no organization at all. */
export function viewerFor(
  identity: { email: string; groups: readonly string[] },
  rules: AccessRules,
): Viewer {
  const id = identity.email.toLowerCase();
  const grants: OrgGrant[] = [];
  const own = rules.users.get(id);
  if (own) grants.push(own);
  for (const group of identity.groups) {
    const grant = rules.groups.get(group);
    if (grant) grants.push(grant);
  }
  const seesAll = grants.includes('*');
  const orgs = new Set(grants.flatMap((g) => (g === '*' ? [] : g)));
  return {
    id,
    groups: identity.groups,
    seesAll,
    grantedOrgIds: orgs,
    canSee: (orgId) => seesAll || orgs.has(orgId),
  };
}

/**
 * 403 for an organization named in the request (path or body) that the user may not see. It
 * names the organization: the user typed it, so it reveals nothing.
 */
export function assertCanSee(viewer: Viewer, orgIds: Iterable<string>): void {
  for (const orgId of orgIds) {
    if (!viewer.canSee(orgId)) {
      throw new AppError({
        status: 403,
        title: 'Not allowed for this organization',
        detail: `You do not have access to organization ${orgId}. Ask an administrator to grant it.`,
      });
    }
  }
}
