import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, apiRoutes } from '../../src/contract';
import { closedMonths } from '../support/queries';
import { startStack, waitForQuery, type Stack } from '../support/stack';

/**
 * GET /api/openapi.json: the route table as an OpenAPI 3.1 document. It must validate against
 * OpenAPI 3.1's own schema, list exactly the table's routes, and describe what the BFF really
 * answers: live answers are checked against the document's schemas, as a scripted client would.
 */
interface Operation {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/** A deep copy the validator may change (it resolves references in place). */
const specOf = (value: Document) => structuredClone(value) as unknown as Record<string, unknown>;

let stack: Stack;
let doc: Document;
let orgId: string;

beforeAll(async () => {
  stack = await startStack();
  const res = await stack.api('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await res.json()) as Document;
  orgId = stack.simulator.dataset.orgs[0]!.id;
});
afterAll(() => stack.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

/** The answer schema of one operation, with the document's components for its $refs. */
function answerValidator(operationId: string, status: string) {
  const found = operations().find((o) => o.op.operationId === operationId);
  const schema = found?.op.responses[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${operationId} has no ${status} JSON answer in the document`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ ...schema, components: doc.components });
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(specOf(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('would be caught if it were not (the validator’s control)', async () => {
    const broken = specOf(doc) as { paths: Record<string, Record<string, { responses: object }>> };
    broken.paths['/api/meta']!.get!.responses = { '200': { content: {} } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('lists every route of the table, and nothing else', () => {
    const listed = operations()
      .map(({ path, method, op }) => `${op.operationId} ${method} ${path}`)
      .sort();
    const table = Object.entries(apiRoutes)
      .map(([name, r]) => `${name} ${r.method} ${API_PREFIX}${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(listed).toEqual(table);
    expect(listed).toHaveLength(16);
  });

  it('documents the CSRF header, path parameters, If-Match and problem answers on each operation', () => {
    for (const { path, op } of operations()) {
      const names = op.parameters.map((p) => `${p.in}:${p.name}`);
      expect(names, op.operationId).toContain('header:X-CSRF');
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(names, op.operationId).toContain(`path:${name}`);
      }
      expect(Object.keys(op.responses), op.operationId).toEqual(
        expect.arrayContaining(['401', '403', '500']),
      );
    }
    const put = doc.paths['/api/presets/{id}']!.put!;
    expect(put.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
    expect(doc.paths['/api/orgs/{orgId}/cost-queries']!.post!.requestBody).toBeDefined();
  });

  it('describes what the BFF answers: live answers validate against the document', async () => {
    const checks: Array<[string, string, Response]> = [
      ['getMeta', '200', await stack.api('/api/meta')],
      ['listOrgs', '200', await stack.api('/api/orgs')],
      ['listProjects', '200', await stack.api(`/api/orgs/${orgId}/projects`)],
      ['listClusters', '200', await stack.api(`/api/orgs/${orgId}/clusters?includeDeleted=true`)],
      ['listServices', '200', await stack.api('/api/services')],
      ['listPresets', '200', await stack.api('/api/presets')],
    ];
    const created = await stack.api(`/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      body: JSON.stringify(closedMonths(2)),
    });
    const { id } = (await created.clone().json()) as { id: string };
    checks.push(['createCostQuery', '202', created]);
    const failures: string[] = [];
    for (const [operationId, status, res] of checks) {
      expect(String(res.status), operationId).toBe(status);
      const validate = answerValidator(operationId, status);
      if (!validate(await res.json())) {
        failures.push(`${operationId}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      }
    }
    const done = await waitForQuery(stack, orgId, id);
    const validateState = answerValidator('getCostQuery', '200');
    if (!validateState(done))
      failures.push(`getCostQuery: ${JSON.stringify(validateState.errors)}`);
    const validateRows = answerValidator('getCostQueryRows', '200');
    const rows = await stack.api(`/api/orgs/${orgId}/cost-queries/${id}/rows`);
    if (!validateRows(await rows.json()))
      failures.push(`getCostQueryRows: ${JSON.stringify(validateRows.errors?.slice(0, 3))}`);
    expect(done.status).toBe('done');
    expect(failures).toEqual([]);
  });

  it('is refused without the CSRF header, like every /api route', async () => {
    const res = await stack.api('/api/openapi.json', { csrf: false });
    expect(res.status).toBe(403);
  });
});
