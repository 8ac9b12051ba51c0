import { ATLAS_SERVICES, type AtlasService } from '../../contract/services';
import { APP_NAMES, ENVIRONMENTS, PROJECT_SERVICES } from './catalog';
import type { OrgChargePlan, ProjectModel } from './model';
import { monthOfDate } from './month-math';
import type { Rng } from './random';

/** Per-project and per-organization charge plans of the demo dataset. */

const svc = (name: AtlasService) => ATLAS_SERVICES.indexOf(name);

/** Organization-level charges per org (cents per month before scale); index 0 is the paying org. */
export const ORG_CHARGES: ReadonlyArray<ReadonlyArray<OrgChargePlan>> = [
  [
    { serviceIndex: svc('Support'), cents: 90_000, everyMonths: 1 },
    { serviceIndex: svc('Premium Features'), cents: 25_000, everyMonths: 1 },
    { serviceIndex: svc('Flex Consulting'), cents: 150_000, everyMonths: 3 },
    { serviceIndex: svc('Credits'), cents: -50_000, everyMonths: 1 },
  ],
  [
    { serviceIndex: svc('Support'), cents: 20_000, everyMonths: 1 },
    { serviceIndex: svc('Premium Features'), cents: 12_000, everyMonths: 1 },
    { serviceIndex: svc('Credits'), cents: -10_000, everyMonths: 6 },
  ],
  [{ serviceIndex: svc('Support'), cents: 15_000, everyMonths: 1 }],
];

/** Unique, readable names per org: `payments-prod`, then `payments-prod-2` when the list runs out. */
export function projectNames(rng: Rng, count: number): string[] {
  const combos = APP_NAMES.flatMap((app) => ENVIRONMENTS.map((env) => `${app}-${env}`));
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [combos[i], combos[j]] = [combos[j] as string, combos[i] as string];
  }
  return Array.from({ length: count }, (_, k) => {
    const round = Math.floor(k / combos.length);
    return `${combos[k % combos.length]}${round > 0 ? `-${round + 1}` : ''}`;
  });
}

export function assignProjectServices(
  rng: Rng,
  projects: ProjectModel[],
  anchorMonth: number,
): void {
  projects.forEach((project, position) => {
    const createdMonth = monthOfDate(new Date(project.pub.created));
    PROJECT_SERVICES.forEach((plan, planIndex) => {
      // Every service is guaranteed to appear at least once (on a designated project).
      const designated = planIndex % projects.length === position;
      if (!designated && rng() >= plan.share) return;
      let fromMonth = Math.max(createdMonth, anchorMonth - Math.floor(rng() * 30));
      if (designated) fromMonth = Math.min(fromMonth, anchorMonth - 12);
      project.services.push({
        serviceIndex: svc(plan.service),
        fromMonth,
        cents: Math.round(plan.minCents + rng() * (plan.maxCents - plan.minCents)),
      });
    });
  });
}
