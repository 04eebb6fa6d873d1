// A copy of JSON data is what a round trip through JSON text gives, and shares nothing with the original.
import assert from 'node:assert/strict';
import { copyJson, freezeJson } from '../../../bot/core/json.js';

const roundTrip = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text) as unknown;
};

describe('copyJson', function () {
  const values: Record<string, unknown> = {
    scalars: ['text', 0, -1.5, true, false, null],
    'numbers JSON cannot hold': { nan: Number.NaN, infinite: Number.POSITIVE_INFINITY, list: [Number.NEGATIVE_INFINITY] },
    'undefined and functions': { gone: undefined, fn: () => 1, list: [undefined, () => 2, 3] },
    'dates and other toJSON': { when: new Date(Date.UTC(2026, 11, 2, 7, 30)), custom: { toJSON: () => ({ made: 'by toJSON' }) } },
    'a "__proto__" key': JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown,
    'unicode and nesting': { 'ünïcode ✓ 日本語 😀': [[[{ deep: ['a', { deeper: {} }] }]]], empty: [] },
    'key order with integer-like keys': { b: 1, 2: 'two', a: 3, 1: 'one' },
  };
  for (const [name, value] of Object.entries(values)) {
    it(`gives what JSON.parse(JSON.stringify()) gives: ${name}`, function () {
      const copy = copyJson(value);
      assert.deepEqual(copy, roundTrip(value));
      assert.equal(JSON.stringify(copy), JSON.stringify(value));
    });
  }

  it('keeps a "__proto__" key as a key, without touching any prototype', function () {
    const copy = copyJson(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.deepEqual(Object.keys(copy), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('shares no object or array with the original', function () {
    const original = { list: [{ n: 1 }], nested: { deeper: { n: 2 } } };
    const copy = copyJson(original) as typeof original;
    copy.list[0]!.n = 10;
    copy.nested.deeper.n = 20;
    copy.list.push({ n: 3 });
    assert.deepEqual(original, { list: [{ n: 1 }], nested: { deeper: { n: 2 } } });
  });
});

describe('freezeJson', function () {
  it('freezes data all the way down, in place, and returns it', function () {
    const value = { list: [1, { two: [2] }], nested: { deeper: { n: 1 } }, text: 'a' };
    assert.equal(freezeJson(value), value);
    for (const part of [value, value.list, value.list[1], (value.list[1] as { two: number[] }).two, value.nested, value.nested.deeper]) assert.ok(Object.isFrozen(part));
    assert.throws(() => { value.nested.deeper.n = 2; }, TypeError);
    assert.throws(() => { ((value.list[1] as { two: number[] }).two).push(3); }, TypeError);
  });

  it('leaves scalars and null as they are', function () {
    for (const scalar of ['text', 1, true, null, undefined]) assert.equal(freezeJson(scalar), scalar);
  });
});
