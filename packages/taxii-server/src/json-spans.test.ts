import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { objectsMemberElements } from './json-spans.js';

test('json-spans: each element of objects, byte for byte as written', () => {
  const text = '{ "more": false,\n "objects" : [ {"a": 1.0, "b": "x\\"]}"} ,\n\t{"c":[1,{"d":"}"}]} , 1e3, "s", true, null ] }';
  assert.deepEqual(objectsMemberElements(text), ['{"a": 1.0, "b": "x\\"]}"}', '{"c":[1,{"d":"}"}]}', '1e3', '"s"', 'true', 'null']);
});

test('json-spans: an empty array, a BOM, the last of repeated names, an escaped name', () => {
  assert.deepEqual(objectsMemberElements('{"objects":[]}'), []);
  assert.deepEqual(objectsMemberElements('\ufeff{"objects":[{}]}'), ['{}']);
  assert.deepEqual(objectsMemberElements('{"objects":[1],"objects":[2, 3]}'), ['2', '3']);
  assert.deepEqual(objectsMemberElements('{"obj\\u0065cts":[{"x":"\\u00e9"}]}'), ['{"x":"\\u00e9"}']);
});

test('json-spans: no objects array → undefined (a nested one does not count)', () => {
  assert.equal(objectsMemberElements('[{"objects":[1]}]'), undefined);
  assert.equal(objectsMemberElements('{"objects":{"a":1}}'), undefined);
  assert.equal(objectsMemberElements('{"x":{"objects":[1]}}'), undefined);
  assert.equal(objectsMemberElements('{}'), undefined);
  assert.equal(objectsMemberElements('"objects"'), undefined);
});

test('json-spans: for any JSON with any whitespace, the elements parse to what JSON.parse gives', () => {
  const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n  ');
  fc.assert(
    fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.jsonValue(), space, space, (objects, other, s1, s2) => {
      const text = `{${s1}"type"${s2}:${s1}${JSON.stringify(other, null, s2.length > 0 ? 1 : 0)},${s2}"objects"${s1}:${s2}${JSON.stringify(objects, null, s1.length)}${s1}}`;
      const parsed = JSON.parse(text) as { objects: unknown[] };
      const elements = objectsMemberElements(text);
      assert.ok(elements);
      assert.equal(elements.length, parsed.objects.length);
      assert.deepEqual(
        elements.map((e) => JSON.parse(e)),
        parsed.objects,
      );
    }),
    { numRuns: 500 },
  );
});
