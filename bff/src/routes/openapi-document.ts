import { z } from 'zod';
import {
  API_PREFIX,
  apiRoutes,
  COMMON_ERRORS,
  CSRF_HEADER,
  PROBLEM_CONTENT_TYPE,
  problemSchema,
  type ApiRouteSpec,
} from '../contract';

// GET /api/openapi.json: the route table as an OpenAPI 3.1 document, so engineers can script
// against the API (generate a client, validate answers). Schemas come from zod 4's own JSON
// Schema output (draft 2020-12, which is OpenAPI 3.1's dialect); nothing here is written twice.

type JsonSchema = Record<string, unknown>;

/** A request schema as a client writes it (before defaults and transforms). */
const inputSchema = (schema: z.ZodType): JsonSchema => jsonSchema(schema, 'input');
/** An answer schema as the BFF sends it. */
const outputSchema = (schema: z.ZodType): JsonSchema => jsonSchema(schema, 'output');

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // `unrepresentable: 'any'`: a refinement in code (e.g. the retention window) is documented in
  // words, not lost as an error.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function parameters(route: ApiRouteSpec): JsonSchema[] {
  const list: JsonSchema[] = [
    {
      name: CSRF_HEADER,
      in: 'header',
      required: true,
      description: 'Always `1`: every /api request carries it (cross-site request defence).',
      schema: { type: 'string', const: '1' },
    },
  ];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries<z.ZodType>(schema.shape)) {
      list.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        schema: inputSchema(field),
      });
    }
  }
  if (route.ifMatch) {
    list.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description: 'The ETag of the version being changed, e.g. `"3"`.',
      schema: { type: 'string' },
    });
  }
  return list;
}

function responses(route: ApiRouteSpec): JsonSchema {
  const headers = Object.fromEntries(
    Object.entries(route.answer.headers ?? {}).map(([name, description]) => [
      name,
      { description, schema: { type: 'string' } },
    ]),
  );
  const success: JsonSchema = {
    description: route.summary,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(route.answer.schema && {
      content: { 'application/json': { schema: outputSchema(route.answer.schema) } },
    }),
  };
  const errors: Record<string, string> = {
    ...(route.body && {
      413: 'The body is larger than the BFF accepts.',
      415: 'The body is not application/json.',
    }),
    ...COMMON_ERRORS,
    ...route.errors,
  };
  return {
    [String(route.answer.status)]: success,
    ...Object.fromEntries(
      Object.entries(errors).map(([status, description]) => [
        status,
        { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } } },
      ]),
    ),
  };
}

/** Express's `:name` to OpenAPI's `{name}`. */
const templated = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function openApiDocument(
  routes: Readonly<Record<string, ApiRouteSpec>> = apiRoutes,
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    const path = `${API_PREFIX}${templated(route.path)}`;
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      'x-access': route.access,
      parameters: parameters(route),
      ...(route.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: inputSchema(route.body) } },
        },
      }),
      responses: responses(route),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Atlas Cost Explorer dashboard BFF',
      version: '1',
      description:
        'The browser-facing API of the dashboard’s backend-for-frontend. Every request carries ' +
        '`X-CSRF: 1`; errors are RFC 9457 problem details. `x-access` says who may call an ' +
        'operation (viewer, org, preset-link, preset-owner; see docs/api.md).',
    },
    tags: [
      { name: 'meta', description: 'The deployment and this document.' },
      { name: 'pickers', description: 'What the form’s pickers list.' },
      { name: 'cost-queries', description: 'Asking Atlas a question and polling for its answer.' },
      { name: 'presets', description: 'Saved questions and their share links.' },
    ],
    paths,
    components: { schemas: { Problem: outputSchema(problemSchema) } },
  };
}
