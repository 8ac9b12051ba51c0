import { queryFlag, sendJson, type Exchange } from '../http-io';
import { requireOrg, requireProject } from '../dataset/lookups';
import type { ClusterModel, DatasetModel } from '../dataset/model';
import { baseUrlOf, paginate } from './pagination';

/**
 * The three list endpoints the dashboard's pickers need, in their 2023-01-01 shapes
 * (AtlasOrganization, Group, LegacyAtlasCluster). Only the fields a picker could use are filled.
 */

const startsWith = (name: string, prefix: string | undefined) =>
  prefix === undefined || name.toLowerCase().startsWith(prefix.toLowerCase());

const selfLink = (x: Exchange, path: string) => [{ href: `${baseUrlOf(x)}${path}`, rel: 'self' }];

export function listOrgs(x: Exchange, model: DatasetModel): void {
  const orgs = model.orgs
    .filter((o) => startsWith(o.pub.name, x.query.name))
    .map((o) => ({
      id: o.pub.id,
      isDeleted: false,
      links: selfLink(x, `/api/atlas/v2/orgs/${o.pub.id}`),
      name: o.pub.name,
      skipDefaultAlertsSettings: false,
    }));
  sendJson(x, 200, paginate(x, orgs), { list: true });
}

export function listProjects(x: Exchange, model: DatasetModel): void {
  const org = requireOrg(model, x.params.orgId);
  const projects = org.projects
    .filter((p) => startsWith(p.pub.name, x.query.name))
    .map((p) => ({
      clusterCount: p.clusters.filter((c) => !c.pub.deleted).length,
      created: p.pub.created,
      id: p.pub.id,
      links: selfLink(x, `/api/atlas/v2/groups/${p.pub.id}`),
      name: p.pub.name,
      orgId: p.pub.orgId,
      tags: [],
      withDefaultAlertsSettings: true,
    }));
  sendJson(x, 200, paginate(x, projects), { list: true });
}

export function listClusters(x: Exchange, model: DatasetModel): void {
  const project = requireProject(model, x.params.groupId);
  const withDeleted = queryFlag(x, 'includeDeletedWithRetainedBackups');
  const clusters = project.clusters
    .filter((c) => withDeleted || !c.pub.deleted)
    .map((c) => legacyCluster(x, c));
  sendJson(x, 200, paginate(x, clusters), { list: true });
}

function legacyCluster(x: Exchange, { pub }: ClusterModel) {
  const [major = '7', minor = '0'] = pub.mongoDBVersion.split('.');
  const host = `${pub.name.toLowerCase()}.${pub.id.slice(-5)}.mongodb.net`;
  return {
    backupEnabled: false,
    biConnector: { enabled: false, readPreference: 'SECONDARY' },
    clusterType: pub.clusterType,
    createDate: pub.createDate,
    diskSizeGB: 40,
    encryptionAtRestProvider: 'NONE',
    groupId: pub.projectId,
    id: pub.id,
    links: selfLink(x, `/api/atlas/v2/groups/${pub.projectId}/clusters/${pub.name}`),
    mongoDBMajorVersion: `${major}.${minor}`,
    mongoDBVersion: pub.mongoDBVersion,
    ...(!pub.deleted && {
      mongoURI: `mongodb://${host}:27017`,
      srvAddress: `mongodb+srv://${host}`,
    }),
    name: pub.name,
    numShards: pub.numShards,
    paused: pub.paused,
    pitEnabled: false,
    providerBackupEnabled: pub.backupEnabled,
    providerSettings: {
      instanceSizeName: pub.instanceSizeName,
      providerName: pub.provider,
      regionName: pub.regionName,
    },
    // The legacy view's enum has no DELETED; what Atlas reports for a deleted cluster with
    // retained backups is [UNVERIFIED], DELETING is the closest valid value.
    stateName: pub.deleted ? 'DELETING' : pub.stateName,
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: 'LTS',
  };
}
