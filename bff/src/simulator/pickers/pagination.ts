import { fail } from '../errors';
import { queryFlag, type Exchange } from '../http-io';

/** Atlas's list wrapper (`Paginated…View`): links, results, and totalCount unless includeCount=false. */
export interface Page<T> {
  links: Array<{ href: string; rel: string }>;
  results: T[];
  totalCount?: number;
}

const MAX_ITEMS_PER_PAGE = 500;

function intParam(x: Exchange, name: string, fallback: number, min: number, max: number): number {
  const raw = x.query[name];
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    // [UNVERIFIED] code and text: Atlas documents the bounds, not the error.
    throw fail(
      400,
      'VALIDATION_ERROR',
      `Invalid ${name} value ${raw}; must be between ${min} and ${max}.`,
      {
        fields: [{ field: name, description: `must be an integer between ${min} and ${max}` }],
      },
    );
  }
  return value;
}

/** The origin the client used, so absolute links work through any host alias or port. */
export function baseUrlOf(x: Exchange): string {
  return `http://${x.req.headers.host ?? 'localhost'}`;
}

/**
 * One page of `items`. Links follow the Atlas docs: `self` always, `previous` unless on the first
 * page, `next` unless on the last; hrefs are absolute and keep the caller's other parameters.
 */
export function paginate<T>(x: Exchange, items: readonly T[]): Page<T> {
  const pageNum = intParam(x, 'pageNum', 1, 1, Number.MAX_SAFE_INTEGER);
  const itemsPerPage = intParam(x, 'itemsPerPage', 100, 1, MAX_ITEMS_PER_PAGE);
  const start = (pageNum - 1) * itemsPerPage;
  const results = items.slice(start, start + itemsPerPage);
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(x.query)) {
      if (key !== 'pageNum' && key !== 'itemsPerPage') params.set(key, value);
    }
    params.set('pageNum', String(page));
    params.set('itemsPerPage', String(itemsPerPage));
    return `${baseUrlOf(x)}${x.path}?${params.toString()}`;
  };
  const links = [];
  if (pageNum > 1) links.push({ href: href(pageNum - 1), rel: 'previous' });
  links.push({ href: href(pageNum), rel: 'self' });
  if (start + itemsPerPage < items.length) links.push({ href: href(pageNum + 1), rel: 'next' });
  return {
    links,
    results,
    ...(queryFlag(x, 'includeCount', true) && { totalCount: items.length }),
  };
}
