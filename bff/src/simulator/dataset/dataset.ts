import { monthFromIndex } from '../../contract/months';
import { generateClusters, makeFlagship } from './dataset-clusters';
import { assignProjectServices, ORG_CHARGES, projectNames } from './dataset-projects';
import type { ClusterModel, DatasetModel, OrgModel, ProjectModel } from './model';
import { isoAt } from './month-math';
import { mulberry32, rngObjectId, stableIdTime } from './random';
import type { SimDataset } from '../types';

/** Months of cost history, ending with (and including) the anchor month. */
export const HISTORY_MONTHS = 24;
export const DEFAULT_SEED = 20_240_901;

const ORG_PLANS = [
  { name: 'Acme-Holdings', projects: 14 },
  { name: 'Acme-Retail', projects: 10 },
  { name: 'Acme-Labs', projects: 10 },
] as const;

const cache = new Map<string, DatasetModel>();

/** The base dataset is pure in (seed, scale, anchor month), so it is built once and shared. */
export function getDatasetModel(seed: number, scale: number, anchorMonth: number): DatasetModel {
  const key = `${seed}:${scale}:${anchorMonth}`;
  let model = cache.get(key);
  if (!model) {
    model = buildModel(seed, scale, anchorMonth);
    cache.set(key, model);
  }
  return model;
}

function buildModel(seed: number, scale: number, anchorMonth: number): DatasetModel {
  const rng = mulberry32(seed);
  let clusterCounter = 0;
  let projectCounter = 0;
  const orgs: OrgModel[] = ORG_PLANS.map((plan, index) => ({
    index,
    pub: {
      id: rngObjectId(rng, stableIdTime(60 - index * 7, 1)),
      name: plan.name,
      linkedOrgIds: [],
    },
    projects: [],
    charges: (ORG_CHARGES[index] ?? []).map((c) => ({ ...c, cents: Math.round(c.cents * scale) })),
  }));
  const [paying, ...linked] = orgs;
  if (!paying) throw new Error('dataset needs a paying organization');
  paying.pub.linkedOrgIds = linked.map((o) => o.pub.id);
  for (const org of linked) org.pub.payingOrgId = paying.pub.id;

  ORG_PLANS.forEach((plan, orgIndex) => {
    const org = orgs[orgIndex];
    if (!org) return;
    const names = projectNames(rng, Math.max(1, Math.round(plan.projects * scale)));
    for (const name of names) {
      const created =
        rng() < 0.7
          ? anchorMonth - 24 - Math.floor(rng() * 24)
          : anchorMonth - Math.floor(rng() * 22);
      const projectId = rngObjectId(
        rng,
        stableIdTime(anchorMonth - created, 1 + Math.floor(rng() * 28)),
      );
      const project: ProjectModel = {
        index: projectCounter++,
        pub: { id: projectId, name, orgId: org.pub.id, created: isoAt(created, 1, 8) },
        clusters: [],
        services: [],
      };
      project.clusters = generateClusters(
        {
          rng,
          anchorMonth,
          orgId: org.pub.id,
          projectId,
          projectCreatedMonth: created,
          nextIndex: () => clusterCounter++,
        },
        3 + Math.floor(rng() * 10),
      );
      org.projects.push(project);
    }
  });

  const allProjects = orgs.flatMap((o) => o.projects);
  assignProjectServices(rng, allProjects, anchorMonth);
  const first = allProjects[0];
  const flagship = first?.clusters.find((c) => !c.pub.deleted) ?? first?.clusters[0];
  if (first && flagship) {
    makeFlagship(flagship, anchorMonth);
    if (Date.parse(first.pub.created) > Date.parse(flagship.pub.createDate)) {
      first.pub.created = isoAt(flagship.fromMonth, 1, 8);
    }
  }
  return assemble(seed, scale, anchorMonth, orgs);
}

function assemble(
  seed: number,
  scale: number,
  anchorMonth: number,
  orgs: OrgModel[],
): DatasetModel {
  const projects = orgs.flatMap((o) => o.projects);
  const clusters: ClusterModel[] = projects.flatMap((p) => p.clusters);
  const [paying] = orgs;
  const dataset: SimDataset = {
    seed,
    scale,
    anchorMonth: monthFromIndex(anchorMonth),
    firstMonth: monthFromIndex(anchorMonth - HISTORY_MONTHS + 1),
    payingOrgId: paying?.pub.id ?? '',
    linkedOrgIds: paying?.pub.linkedOrgIds ?? [],
    orgs: orgs.map((o) => o.pub),
    projects: projects.map((p) => p.pub),
    clusters: clusters.map((c) => c.pub),
  };
  return {
    seed,
    anchorMonth,
    firstMonth: anchorMonth - HISTORY_MONTHS + 1,
    orgs,
    orgsById: new Map(orgs.map((o) => [o.pub.id, o])),
    projectsById: new Map(projects.map((p) => [p.pub.id, p])),
    clustersById: new Map(clusters.map((c) => [c.pub.id, c])),
    dataset,
  };
}
