/**
 * The JSON shape of a value: keys and types, never values, so a recorded Atlas answer can be
 * shared without sharing anyone's bill. Strings keep only a format class ("objectId(24 hex)"),
 * arrays become `["<n> items", ...member shapes]` with objects merged into one (keys that only
 * some members have end in "?"), and a value of several kinds reads "number|string".
 *
 *   shapeOf({ usageDetails: [{ usageAmount: 51.19, organizationId: '66d7…' }] })
 *   → { usageDetails: ['1 item', { organizationId: 'objectId(24 hex)', usageAmount: 'number' }] }
 *
 * Keys are schema, so they are kept, except keys that look like data (ids, numbers, dates,
 * e-mail addresses, anything that is not a plain identifier): those become their class in
 * braces, e.g. `{objectId(24 hex)}`, and the values under them are merged.
 */
export type Shape = string | Shape[] | { [key: string]: Shape };

/** Format classes of strings (and of keys that are data), most specific first. */
const STRING_CLASSES: [name: string, test: RegExp][] = [
  ['objectId(24 hex)', /^[0-9a-fA-F]{24}$/],
  ['hex64', /^[0-9a-fA-F]{64}$/],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
  ['date(YYYY-MM-DD)', /^\d{4}-\d{2}-\d{2}$/],
  ['date-time(ISO 8601)', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/],
  ['jwt', /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/],
  ['email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ['url', /^https?:\/\/\S+$/i],
  ['string(numeric)', /^\s*-?\d+(\.\d+)?\s*$/],
  ['hex', /^[0-9a-fA-F]{16,}$/],
];

/** What a key must look like to be kept as written: an identifier of reasonable length. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;
const MAX_DEPTH = 24;

export function stringClass(value: string): string {
  if (value === '') return 'string(empty)';
  return STRING_CLASSES.find(([, test]) => test.test(value))?.[0] ?? 'string';
}

/** A key as it may be recorded: itself when it is schema, its class in braces when it is data. */
export function keyClass(key: string): string {
  const cls = STRING_CLASSES.find(([, test]) => test.test(key))?.[0];
  if (cls) return `{${cls}}`;
  return PLAIN_KEY.test(key) ? key : '{key}';
}

/** Everything seen at one position: primitive kinds, one merged object, one merged array. */
interface Node {
  prims: Set<string>;
  obj?: { seen: number; keys: Map<string, { seen: number; node: Node }> };
  arr?: { items: number; elem: Node };
}

const emptyNode = (): Node => ({ prims: new Set() });

function add(node: Node, value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) {
    node.prims.add('(deeper)');
  } else if (value === null) {
    node.prims.add('null');
  } else if (Array.isArray(value)) {
    node.arr ??= { items: 0, elem: emptyNode() };
    node.arr.items += value.length;
    for (const item of value) add(node.arr.elem, item, depth + 1);
  } else if (typeof value === 'object') {
    node.obj ??= { seen: 0, keys: new Map() };
    node.obj.seen += 1;
    // Two data keys of one class (two ids) count once for this object.
    const seenHere = new Set<string>();
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const name = keyClass(key);
      let entry = node.obj.keys.get(name);
      if (!entry) {
        entry = { seen: 0, node: emptyNode() };
        node.obj.keys.set(name, entry);
      }
      if (!seenHere.has(name)) entry.seen += 1;
      seenHere.add(name);
      add(entry.node, child, depth + 1);
    }
  } else if (typeof value === 'string') {
    node.prims.add(stringClass(value));
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    node.prims.add('number');
  } else {
    node.prims.add(typeof value); // boolean; undefined and functions do not occur in JSON
  }
}

function render(node: Node): Shape {
  const parts: Shape[] = [];
  if (node.prims.size > 0) parts.push([...node.prims].sort().join('|'));
  if (node.obj) {
    const { seen, keys } = node.obj;
    const out: Record<string, Shape> = {};
    for (const name of [...keys.keys()].sort()) {
      const entry = keys.get(name)!;
      out[entry.seen < seen ? `${name}?` : name] = render(entry.node);
    }
    parts.push(out);
  }
  if (node.arr) {
    const elem = node.arr.items > 0 ? unionParts(render(node.arr.elem)) : [];
    parts.push([itemCount(node.arr.items), ...elem]);
  }
  if (parts.length === 1) return parts[0]!;
  return parts.length === 0 ? 'never' : ['oneOf', ...parts];
}

const itemCount = (n: number) => (n === 1 ? '1 item' : `${n} items`);

/** An array lists its members' shapes side by side: a "oneOf" inside it is flattened. */
function unionParts(shape: Shape): Shape[] {
  return Array.isArray(shape) && shape[0] === 'oneOf' ? shape.slice(1) : [shape];
}

/** The shape of a JSON value (see the file comment); deterministic for equal shapes. */
export function shapeOf(value: unknown): Shape {
  const root = emptyNode();
  add(root, value, 0);
  return render(root);
}
