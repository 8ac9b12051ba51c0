import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { toJsonSchemaDocument } from './openapi-schema';

/**
 * Validates real values against the official Atlas OpenAPI fragments in
 * test/fixtures/openapi/ (copied verbatim; see SOURCE.md there). Used by the simulator's
 * contract test and meant for the Atlas client's tests too: check the request bodies the client
 * sends with `validateAgainstOperation('createOrgBillingCostExplorerUsageProcess', 'requestBody', body)`.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const FRAGMENTS = ['cost-explorer', 'pickers', 'clusters-list'] as const;
export type Fragment = (typeof FRAGMENTS)[number];

export type OperationRef = string | { method: string; pathTemplate: string };
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/** The media types Atlas answers with, in the order we prefer when the caller names none. */
const PREFERRED = ['application/vnd.atlas.2023-01-01+json', 'application/json'];

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
addFormats(ajv);

const documents = new Map<Fragment, Json>();
for (const name of FRAGMENTS) {
  const file = fileURLToPath(
    new URL(`../fixtures/openapi/${name}.openapi-fragment.yaml`, import.meta.url),
  );
  const raw = parse(readFileSync(file, 'utf8')) as Json;
  documents.set(name, raw);
  ajv.addSchema(toJsonSchemaDocument(raw), name);
}

const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

interface Located {
  fragment: Fragment;
  pointer: string[];
  node: Json;
}

function findOperation(ref: OperationRef): Located {
  for (const [fragment, doc] of documents) {
    const paths = isObject(doc.paths) ? doc.paths : {};
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const [method, operation] of Object.entries(item)) {
        if (!isObject(operation)) continue;
        const hit =
          typeof ref === 'string'
            ? operation.operationId === ref
            : ref.pathTemplate === template && ref.method.toLowerCase() === method;
        if (hit) return { fragment, pointer: ['paths', template, method], node: operation };
      }
    }
  }
  throw new Error(`No operation ${JSON.stringify(ref)} in ${FRAGMENTS.join(', ')}`);
}

/** Follows a local `$ref` (responses and request bodies may be references too). */
function follow(fragment: Fragment, located: Omit<Located, 'fragment'>): Omit<Located, 'fragment'> {
  const ref = located.node.$ref;
  if (typeof ref !== 'string') return located;
  const pointer = ref.replace(/^#\//, '').split('/');
  let node: unknown = documents.get(fragment);
  for (const part of pointer) node = isObject(node) ? node[part] : undefined;
  if (!isObject(node)) throw new Error(`Unresolvable $ref ${ref} in ${fragment}`);
  return { pointer, node };
}

const cache = new Map<string, ValidateFunction>();

function run(fragment: Fragment, pointer: string[], value: unknown): ValidationResult {
  const ref = `${fragment}#/${pointer.map(escapePointer).join('/')}`;
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    cache.set(ref, validate);
  }
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((e) =>
    `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim(),
  );
  return { valid, errors };
}

/**
 * Validates `value` as the request body (`kind: 'requestBody'`) or as the response body for a
 * status (`kind: 202`, `'404'`…) of an operation, by operationId or method + path template.
 */
export function validateAgainstOperation(
  operation: OperationRef,
  kind: 'requestBody' | number | `${number}`,
  value: unknown,
  mediaType?: string,
): ValidationResult {
  const op = findOperation(operation);
  const { fragment } = op;
  const section = kind === 'requestBody' ? 'requestBody' : 'responses';
  const declared = op.node[section];
  const base = isObject(declared) ? declared : undefined;
  const entry = kind === 'requestBody' ? base : base?.[String(kind)];
  if (!isObject(entry)) {
    const what = kind === 'requestBody' ? 'request body' : `response ${kind}`;
    return { valid: false, errors: [`the spec declares no ${what} for this operation`] };
  }
  const located = follow(fragment, {
    pointer:
      kind === 'requestBody' ? [...op.pointer, section] : [...op.pointer, section, String(kind)],
    node: entry,
  });
  const content = isObject(located.node.content) ? located.node.content : undefined;
  if (!content) {
    const empty = value === undefined || value === '';
    return { valid: empty, errors: empty ? [] : ['the spec declares no body here'] };
  }
  const type = mediaType ?? PREFERRED.find((t) => t in content) ?? Object.keys(content)[0] ?? '';
  if (!isObject(content[type])) return { valid: false, errors: [`no ${type} content declared`] };
  return run(fragment, [...located.pointer, 'content', type, 'schema'], value);
}

/** Validates against one named schema of a fragment, e.g. ('cost-explorer', 'ApiError'). */
export function validateComponentSchema(
  fragment: Fragment,
  schema: string,
  value: unknown,
): ValidationResult {
  return run(fragment, ['components', 'schemas', schema], value);
}

/** The `example` the spec gives for one response media type, or undefined when it gives none. */
export function responseExample(
  operation: OperationRef,
  status: number,
  mediaType: string,
): unknown {
  const op = findOperation(operation);
  const responses = isObject(op.node.responses) ? op.node.responses : {};
  const entry = responses[String(status)];
  if (!isObject(entry)) return undefined;
  const { node } = follow(op.fragment, { pointer: [], node: entry });
  const content = isObject(node.content) ? node.content : {};
  const media = content[mediaType];
  return isObject(media) ? media.example : undefined;
}
