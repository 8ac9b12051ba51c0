import { fail, notFound } from '../errors';
import type { DatasetModel, OrgModel, ProjectModel } from './model';

const ID = /^([a-f0-9]{24})$/;

/**
 * Path-id checks shared by the routes: a malformed id is a 400, a well-formed unknown one a 404.
 * Codes follow what Atlas answers on other endpoints (INVALID_*_ID, *_NOT_FOUND) [UNVERIFIED].
 */
export function requireOrg(model: DatasetModel, orgId: string | undefined): OrgModel {
  if (!orgId || !ID.test(orgId)) {
    throw fail(400, 'INVALID_ORG_ID', `An invalid organization ID ${orgId ?? ''} was specified.`, {
      parameters: [orgId ?? ''],
    });
  }
  const org = model.orgsById.get(orgId);
  if (!org) throw notFound(`No organization with ID ${orgId} exists.`, 'ORG_NOT_FOUND', [orgId]);
  return org;
}

export function requireProject(model: DatasetModel, groupId: string | undefined): ProjectModel {
  if (!groupId || !ID.test(groupId)) {
    throw fail(400, 'INVALID_GROUP_ID', `An invalid group ID ${groupId ?? ''} was specified.`, {
      parameters: [groupId ?? ''],
    });
  }
  const project = model.projectsById.get(groupId);
  if (!project) throw notFound(`No group with ID ${groupId} exists.`, 'GROUP_NOT_FOUND', [groupId]);
  return project;
}
