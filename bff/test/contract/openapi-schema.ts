/**
 * Turns the OpenAPI 3.0 fragments into JSON Schema 2020-12 that Ajv can run, changing only what
 * 3.0 spells differently. Each change is mechanical except the entries in SPEC_LOOSENESS, which
 * are deliberate and explained there.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const SCHEMAS = '#/components/schemas/';

/**
 * Where the spec is stricter than what Atlas is documented to send. `ApiError.parameters` is
 * typed `items: {type: object}` (a Java `List<Object>` rendered literally), but Atlas's own
 * rate-limit docs show scalars: `"parameters":["api/atlas/v2/orgs",55,10,5,60]`.
 */
export const SPEC_LOOSENESS: ReadonlyArray<{
  schema: string;
  path: string[];
  replacement: unknown;
  why: string;
}> = [
  {
    schema: 'ApiError',
    path: ['properties', 'parameters', 'items'],
    replacement: {},
    why: 'Atlas documents scalar parameters (rate-limit docs); the spec says objects',
  },
];

export function toJsonSchemaDocument(openapi: Json): Json {
  const doc = structuredClone(openapi);
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (isObject(schema)) rewriteDiscriminator(name, schema, schemas);
  }
  for (const loose of SPEC_LOOSENESS) {
    let node: unknown = schemas[loose.schema];
    for (const key of loose.path.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
    const last = loose.path.at(-1);
    if (isObject(node) && last) node[last] = loose.replacement;
  }
  convert(doc);
  return doc;
}

/**
 * 3.0's discriminator + oneOf, where every branch `allOf`s the parent back, recurses forever in a
 * plain JSON Schema validator and its branches overlap (oneOf fails). The discriminator means
 * "pick the branch named by the property", so say exactly that with if/then, and drop the
 * branches' back-reference to the parent (whose own properties are validated here anyway).
 */
function rewriteDiscriminator(name: string, schema: Json, schemas: Json): void {
  const discriminator = schema.discriminator;
  if (!isObject(discriminator) || !isObject(discriminator.mapping) || !Array.isArray(schema.oneOf))
    return;
  const property = String(discriminator.propertyName);
  schema.allOf = Object.entries(discriminator.mapping).map(([value, ref]) => ({
    if: { properties: { [property]: { const: value } }, required: [property] },
    then: { $ref: ref },
  }));
  delete schema.oneOf;
  delete schema.discriminator;
  for (const ref of Object.values(discriminator.mapping)) {
    const target = schemas[String(ref).slice(SCHEMAS.length)];
    if (isObject(target) && Array.isArray(target.allOf)) {
      target.allOf = target.allOf.filter(
        (part) => !(isObject(part) && part.$ref === `${SCHEMAS}${name}`),
      );
    }
  }
}

/** nullable → type/anyOf with null; boolean exclusiveMinimum/Maximum → numbers; drop examples. */
function convert(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(convert);
  if (!isObject(node)) return;
  if (node.nullable === true) {
    if (typeof node.type === 'string') node.type = [node.type, 'null'];
    else if (node.$ref !== undefined) {
      node.anyOf = [{ $ref: node.$ref }, { type: 'null' }];
      delete node.$ref;
    }
  }
  delete node.nullable;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[flag] !== 'boolean') continue;
    if (node[flag] === true) {
      node[flag] = node[bound];
      delete node[bound];
    } else delete node[flag];
  }
  delete node.example;
  Object.values(node).forEach(convert);
}
