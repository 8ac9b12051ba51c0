import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyClass, shapeOf, stringClass, type Shape } from './wire-shape';

/** Every string leaf of a shape (keys apart). */
function leavesOf(shape: Shape): string[] {
  if (typeof shape === 'string') return [shape];
  if (Array.isArray(shape)) return shape.flatMap(leavesOf);
  return Object.values(shape).flatMap(leavesOf);
}

/** Every key of a shape, at any depth. */
function keysOf(shape: Shape): string[] {
  if (typeof shape === 'string') return [];
  if (Array.isArray(shape)) return shape.flatMap(keysOf);
  return Object.entries(shape).flatMap(([key, value]) => [key, ...keysOf(value)]);
}

/** Every key of a JSON value, at any depth. */
function inputKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        keys.add(key);
        walk(child);
      }
    }
  };
  walk(value);
  return keys;
}

/** The leaves a shape may hold besides kept keys: type names, classes and item counts. */
const VOCABULARY =
  /^((null|boolean|number|string|string\(empty\)|string\(numeric\)|objectId\(24 hex\)|hex64|hex|uuid|date\(YYYY-MM-DD\)|date-time\(ISO 8601\)|jwt|email|url|undefined|never|\(deeper\))(\||$))+$|^\d+ items?$|^oneOf$/;

describe('shapeOf', () => {
  it('describes a Cost Explorer result by keys and types, with a row count', () => {
    const result = {
      usageDetails: [
        {
          invoiceId: '66d7254246a21a41036ff315',
          organizationId: '66d7254246a21a41036ff2e9',
          organizationName: 'Kubecost',
          service: 'Clusters',
          usageAmount: 51.19,
          usageDate: '2024-09-01',
        },
        {
          invoiceId: '66d7254246a21a41036ff316',
          organizationId: '66d7254246a21a41036ff2e9',
          organizationName: 'Kubecost',
          usageAmount: '12.50',
          usageDate: '2024-09-01',
        },
      ],
    };
    expect(shapeOf(result)).toEqual({
      usageDetails: [
        '2 items',
        {
          invoiceId: 'objectId(24 hex)',
          organizationId: 'objectId(24 hex)',
          organizationName: 'string',
          'service?': 'string',
          usageAmount: 'number|string(numeric)',
          usageDate: 'date(YYYY-MM-DD)',
        },
      ],
    });
  });

  it('classifies strings without keeping them', () => {
    expect(stringClass('d9ab638a801efe182f98ae3e18ea4bb47b9fda808a28a8c7de205bb0e94f7d71')).toBe(
      'hex64',
    );
    expect(stringClass('00000000-0000-4000-a000-000000000000')).toBe('uuid');
    expect(stringClass('2026-03-01T10:00:00Z')).toBe('date-time(ISO 8601)');
    expect(stringClass('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln')).toBe('jwt');
    expect(stringClass('ada@example.com')).toBe('email');
    expect(stringClass('')).toBe('string(empty)');
    expect(stringClass('PROCESSING')).toBe('string');
  });

  it('replaces keys that are data (ids, numbers, dates, e-mails, free text) with their class', () => {
    expect(keyClass('usageAmount')).toBe('usageAmount');
    expect(keyClass('66d7254246a21a41036ff315')).toBe('{objectId(24 hex)}');
    expect(keyClass('2024')).toBe('{string(numeric)}');
    expect(keyClass('2024-09-01')).toBe('{date(YYYY-MM-DD)}');
    expect(keyClass('ada@example.com')).toBe('{email}');
    expect(keyClass('Production Cluster')).toBe('{key}');
    const byId = {
      '66d7254246a21a41036ff315': { amount: 1 },
      '66d7254246a21a41036ff316': { amount: 2, note: 'x' },
    };
    expect(shapeOf(byId)).toEqual({
      '{objectId(24 hex)}': { amount: 'number', 'note?': 'string' },
    });
  });

  it('lists the kinds an array mixes, and keeps key order stable whatever the input order', () => {
    expect(shapeOf([1, 'a', null, { b: true }, [2]])).toEqual([
      '5 items',
      'null|number|string',
      { b: 'boolean' },
      ['1 item', 'number'],
    ]);
    expect(shapeOf([])).toEqual(['0 items']);
    expect(JSON.stringify(shapeOf({ b: 1, a: 2 }))).toBe(JSON.stringify(shapeOf({ a: 3, b: 4 })));
    expect(shapeOf({ status: 'PROCESSING' })).toEqual({ status: 'string' });
    expect(shapeOf({ v: [1, 'x'] })).toEqual({ v: ['2 items', 'number|string'] });
    expect(shapeOf({ v: 1, w: { x: 1 } })).toEqual({ v: 'number', w: { x: 'number' } });
  });

  it('never emits a string or number value of its input', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double({ noNaN: true }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (input) => {
        const shape = shapeOf(input);
        // Values: only type names, classes and counts. Keys: input keys (schema) or a class.
        for (const leaf of leavesOf(shape)) expect(leaf).toMatch(VOCABULARY);
        const keys = inputKeys(input);
        for (const key of keysOf(shape).map((k) => k.replace(/\?$/, ''))) {
          expect(keys.has(key) || /^\{.+\}$/.test(key)).toBe(true);
        }
        expect(JSON.stringify(shape)).not.toMatch(/:\s*-?\d/); // no number as a value anywhere
      }),
      { numRuns: 300 },
    );
  });

  it('keeps canary values of every kind out of its output', () => {
    const canaries = ['Acme Secret Org', 'CANARY-7f3a91', '4242.17', 'prod-cluster-7'];
    const shape = shapeOf({
      name: canaries[0],
      nested: { deeper: [{ token: canaries[1] }, { amount: 4242.17, label: canaries[3] }] },
      list: [9876543, canaries[2]],
    });
    const text = JSON.stringify(shape);
    for (const canary of [...canaries, '9876543', '4242']) expect(text).not.toContain(canary);
  });
});
