import type { z } from 'zod';
import { AtlasProtocolError } from './errors';
import { parseJsonBody, parseShape } from './responses';
import { paginatedSchema } from './schemas';
import type { Transport } from './transport';

/** Atlas's maximum page size: fewest calls against the per-user list buckets. */
export const ITEMS_PER_PAGE = 500;
/** 2 000 pages of 500 is a million items: beyond that the upstream is looping, not listing. */
const MAX_PAGES = 2_000;

interface Page {
  results: unknown[];
  totalCount?: number | undefined;
  links?: { rel?: string | undefined }[] | undefined;
}

/**
 * Whether another page exists. `links[rel=next]` is authoritative when present (it is omitted
 * on the last page); otherwise `totalCount`, otherwise a full page means "maybe more".
 */
export function hasNextPage(page: Page, seen: number): boolean {
  if (page.results.length === 0) return false;
  if (page.links?.some((link) => link.rel === 'next')) return true;
  if (page.totalCount !== undefined) return seen < page.totalCount;
  if (page.links !== undefined) return false;
  return page.results.length >= ITEMS_PER_PAGE;
}

/**
 * Reads every page by counting `pageNum` ourselves: the `next` href is only a signal, never
 * followed, so Atlas's answer cannot steer a request to another host.
 */
export async function listAllPages<S extends z.ZodType>(
  transport: Transport,
  spec: { path: string; operation: string; query?: Record<string, string>; signal?: AbortSignal },
  item: S,
): Promise<z.infer<S>[]> {
  const schema = paginatedSchema(item);
  const items: z.infer<S>[] = [];
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum += 1) {
    const res = await transport.call({
      method: 'GET',
      path: spec.path,
      query: { ...spec.query, itemsPerPage: String(ITEMS_PER_PAGE), pageNum: String(pageNum) },
      operation: spec.operation,
      signal: spec.signal,
    });
    if (res.kind !== 'response')
      throw new AtlasProtocolError(spec.operation, 'interim answer only');
    const page = parseShape(spec.operation, schema, parseJsonBody(spec.operation, res), res.status);
    items.push(...(page.results as z.infer<S>[]));
    if (!hasNextPage(page, items.length)) return items;
  }
  throw new AtlasProtocolError(spec.operation, `more than ${MAX_PAGES} pages`);
}
