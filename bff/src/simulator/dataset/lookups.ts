import { fail, notFound } from '../errors';
import type { DatasetModel, OrgModel, ProjectModel } from './model';

const ID = /^([a-f0-9]{24})$/;

/**
 * Path-id checks shared by the routes: a malformed id is a 400, a well-formed unknown one a 404.
 * Codes follow what Atlas answers on other endpoints (INVALID_*_ID, *_NOT_FOUND) [UNVERIFIED].
 */
export function requireOrg(model: DatasetModel, orgId: string | undefined): OrgModel {
  return requireId(model.orgsById, orgId, { noun: 'organization', code: 'ORG' });
}

export function requireProject(model: DatasetModel, groupId: string | undefined): ProjectModel {
  return requireId(model.projectsById, groupId, { noun: 'group', code: 'GROUP' });
}

/** `noun` names the id in Atlas's messages, `code` in its error codes. */
function requireId<T>(
  byId: ReadonlyMap<string, T>,
  id: string | undefined,
  kind: { noun: string; code: string },
): T {
  if (!id || !ID.test(id)) {
    const detail = `An invalid ${kind.noun} ID ${id ?? ''} was specified.`;
    throw fail(400, `INVALID_${kind.code}_ID`, detail, { parameters: [id ?? ''] });
  }
  const found = byId.get(id);
  if (!found) {
    throw notFound(`No ${kind.noun} with ID ${id} exists.`, `${kind.code}_NOT_FOUND`, [id]);
  }
  return found;
}
