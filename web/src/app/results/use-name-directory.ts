import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  clustersQueryOptions,
  orgsQueryOptions,
  projectsQueryOptions,
} from '../../features/query-form/api/picker-queries';
import type { NameDirectory } from '../../lib/entity-names';

type NameMap = Map<string, string>;
type List = { items: { id: string; name: string }[] } | undefined;

/** One Map per list object: react-query keeps a list's identity until it changes. */
const maps = new WeakMap<object, NameMap>();
function namesOf(list: List): NameMap | undefined {
  if (!list) return undefined;
  let names = maps.get(list);
  if (!names) {
    names = new Map(list.items.map((item) => [item.id, item.name]));
    maps.set(list, names);
  }
  return names;
}

/** The previous array while its items are the same objects: a stable memo dependency. */
function useSameItems<T>(items: T[]): T[] {
  const [kept, setKept] = useState(items);
  const same = kept.length === items.length && kept.every((item, i) => item === items[i]);
  if (!same) setKept(items);
  return same ? kept : items;
}

/**
 * Names from Atlas's current lists, shared with the query form's pickers (same cache). Rows
 * carry names already; the lists fill gaps and tell which ids no longer exist. Organizations
 * are never called deleted: the key may simply not see a linked organization.
 */
export function useNameDirectory(orgIds: readonly string[]): NameDirectory {
  // Plain queries (no select/combine): their data objects keep their identity between renders.
  const orgNames = namesOf(useQuery(orgsQueryOptions()).data);
  const projects = useSameItems(
    useQueries({ queries: orgIds.map((id) => projectsQueryOptions(id)) }).map((r) =>
      namesOf(r.data),
    ),
  );
  const clusters = useSameItems(
    useQueries({ queries: orgIds.map((id) => clustersQueryOptions(id, [])) }).map((r) =>
      namesOf(r.data),
    ),
  );
  const orgKey = orgIds.join();
  return useMemo((): NameDirectory => {
    const ids = orgKey.split(',');
    const find = (lists: (NameMap | undefined)[], id: string, orgId: string | undefined) => {
      const list = orgId === undefined ? undefined : lists[ids.indexOf(orgId)];
      return list ? (list.get(id) ?? null) : undefined;
    };
    return {
      find(dimension, id, orgId) {
        if (dimension === 'organizations') return orgNames?.get(id);
        if (dimension === 'projects') return find(projects, id, orgId);
        if (dimension === 'clusters') return find(clusters, id, orgId);
        return undefined;
      },
    };
  }, [orgKey, orgNames, projects, clusters]);
}
