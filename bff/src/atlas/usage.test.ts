import { describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasInputError, AtlasUnrecognizedAnswerError } from './errors';
import type { RawResponse } from './http';
import { hasNextPage } from './pagination';
import type { AtlasCostExplorerFilter } from './schemas';
import { readUsageResult, toFilterBody, toUsageDetail } from './usage';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const response = (body: unknown): RawResponse => ({
  kind: 'response',
  status: 200,
  headers: {},
  rawHeaders: [],
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the Cost Explorer filter body', () => {
  it('sends only the documented keys and leaves out empty or unset ones', () => {
    const filter = {
      startDate: '2026-01-01',
      endDate: '2026-03-01',
      organizations: [ORG],
      projects: [],
      services: undefined,
      groupBy: 'organizations',
      includePartialMatches: false,
      granularity: 'DAILY',
    } as AtlasCostExplorerFilter;
    expect(toFilterBody(filter)).toEqual({
      startDate: '2026-01-01',
      endDate: '2026-03-01',
      organizations: [ORG],
      groupBy: 'organizations',
      includePartialMatches: false,
    });
  });

  it('rejects ids that are not 24-hex before anything is sent', () => {
    const filter = { startDate: '2026-01-01', endDate: '2026-02-01', clusters: ['Cluster0'] };
    expect(() => toFilterBody(filter)).toThrow(AtlasInputError);
  });
});

describe('usage rows', () => {
  it('keeps unknown keys and services and copies clusterUniqueId to clusterId', () => {
    const row = toUsageDetail({
      usageDate: '2026-01-01',
      usageAmount: 1.5,
      service: 'Quantum Storage',
      clusterUniqueId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      somethingNew: { nested: true },
    });
    expect(row).toEqual({
      usageDate: '2026-01-01',
      usageAmount: 1.5,
      service: 'Quantum Storage',
      clusterId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      clusterUniqueId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      somethingNew: { nested: true },
    });
  });

  it('coerces numeric strings and drops rows without a usable amount or month', () => {
    expect(toUsageDetail({ usageDate: '2026-01-01', usageAmount: '12.30' })?.usageAmount).toBe(
      12.3,
    );
    expect(toUsageDetail({ usageDate: '2026-01-01', usageAmount: 'n/a' })).toBeUndefined();
    expect(toUsageDetail({ usageDate: '2026-01-01' })).toBeUndefined();
    expect(toUsageDetail({ usageAmount: 3 })).toBeUndefined();
    expect(toUsageDetail(['not', 'a', 'row'])).toBeUndefined();
  });

  it('counts dropped rows and warns about them without logging the rows', () => {
    const warnings: object[] = [];
    const logger = { debug: () => undefined, warn: (obj: object) => warnings.push(obj) };
    const result = readUsageResult(
      'GET /u',
      response({ usageDetails: [{ usageDate: '2026-01-01', usageAmount: 2 }, { usageDate: 'x' }] }),
      0,
      logger,
    );
    expect(result).toMatchObject({ status: 'done', droppedRows: 1 });
    expect(warnings).toEqual([{ operation: 'GET /u', droppedRows: 1, keptRows: 1 }]);
  });

  it('reads the project and cluster spellings Atlas may use into ours, keeping the originals', () => {
    const row = toUsageDetail({
      usageDate: '2026-01-01',
      usageAmount: 2,
      groupId: 'cccccccccccccccccccccccc',
      groupName: 'Shop',
      clusterUniqueId: 'dddddddddddddddddddddddd',
      clusterName: 'shop-prod',
    });
    expect(row).toMatchObject({
      projectId: 'cccccccccccccccccccccccc',
      projectName: 'Shop',
      clusterId: 'dddddddddddddddddddddddd',
      clusterName: 'shop-prod',
      groupId: 'cccccccccccccccccccccccc',
    });
    // Our own spelling wins when both arrive; a non-string value is no value.
    expect(
      toUsageDetail({ usageDate: '2026-01-01', usageAmount: 1, projectId: 'p', groupId: 'g' }),
    ).toMatchObject({ projectId: 'p' });
    expect(
      toUsageDetail({ usageDate: '2026-01-01', usageAmount: 1, projectName: 7, groupName: 'G' }),
    ).toMatchObject({ projectName: 'G' });
  });

  it('reads `{}` and an empty usageDetails as done with no rows (the page says Atlas returned none)', () => {
    for (const body of [{}, { usageDetails: [] }, { usageDetails: null }]) {
      expect(readUsageResult('GET /u', response(body), 0)).toEqual({
        status: 'done',
        usageDetails: [],
        droppedRows: 0,
      });
    }
  });

  it('reads a status word, a 202 or an enveloped 202 as still processing', () => {
    for (const status of ['PROCESSING', 'IN_PROGRESS', 'pending', 'Running']) {
      expect(readUsageResult('GET /u', response({ status }), 0)).toEqual({ status: 'processing' });
    }
    const accepted = { ...response(''), status: 202 };
    expect(readUsageResult('GET /u', accepted, 0)).toEqual({ status: 'processing' });
    expect(readUsageResult('GET /u', { ...response({ token: 'x' }), status: 202 }, 0)).toEqual({
      status: 'processing',
    });
    expect(readUsageResult('GET /u', response({ status: 202, content: null }), 0)).toEqual({
      status: 'processing',
    });
  });

  it('refuses anything else, naming its keys and their types but never a value', () => {
    const cases: Array<[unknown, string[]]> = [
      [
        { results: [{ usageAmount: 12.34 }], totalCount: 1 },
        ['results: array', 'totalCount: number'],
      ],
      [{ status: 'COMPLETED' }, ['status: string']],
      [{ status: 'PROCESSING', usageDetails: 'soon' }, ['status: string', 'usageDetails: string']],
      [[{ usageAmount: 12.34 }], ['(array)']],
      [
        { aaaaaaaaaaaaaaaaaaaaaaaa: 9.99, 'bob@example.com': 'x', '2026': 1 },
        ['<number>: number', '<id>: number', '<address>: string'],
      ],
    ];
    for (const [body, keys] of cases) {
      const err = (() => {
        try {
          readUsageResult('GET /u', response(body), 0);
        } catch (e) {
          return e;
        }
        throw new Error(`${JSON.stringify(body)} was accepted`);
      })();
      expect(err).toBeInstanceOf(AtlasUnrecognizedAnswerError);
      expect(err).toMatchObject({ keys, status: 200 });
      const message = String((err as Error).message);
      for (const secret of [
        '12.34',
        '9.99',
        'bob@example.com',
        'aaaaaaaaaaaaaaaaaaaaaaaa',
        'COMPLETED',
      ]) {
        expect(message).not.toContain(secret);
      }
    }
  });

  it('unwraps envelopes: 102 is processing, 200 carries the result, 4xx is an API error', () => {
    expect(readUsageResult('GET /u', response({ status: 102 }), 0)).toEqual({
      status: 'processing',
    });
    const done = readUsageResult(
      'GET /u',
      response({
        status: 200,
        content: { usageDetails: [{ usageDate: '2026-01-01', usageAmount: 1 }] },
      }),
      0,
    );
    expect(done).toMatchObject({ status: 'done', usageDetails: [{ usageAmount: 1 }] });
    const notFound = { status: 404, content: { error: 404, errorCode: 'RESOURCE_NOT_FOUND' } };
    expect(() => readUsageResult('GET /u', response(notFound), 0)).toThrow(AtlasApiError);
  });
});

describe('pagination', () => {
  const full = Array.from({ length: 500 }, () => ({}));
  it('follows a next link, else totalCount, else a full page', () => {
    expect(hasNextPage({ results: [{}], links: [{ rel: 'next' }] }, 1)).toBe(true);
    expect(hasNextPage({ results: [{}], links: [{ rel: 'self' }] }, 1)).toBe(false);
    expect(hasNextPage({ results: [{}], totalCount: 2 }, 1)).toBe(true);
    expect(hasNextPage({ results: [{}], totalCount: 1 }, 1)).toBe(false);
    expect(hasNextPage({ results: full }, 500)).toBe(true);
    expect(hasNextPage({ results: [], totalCount: 9 }, 0)).toBe(false);
  });
});
