import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLanguageTag } from './languages.js';

test('language tags: registered RFC 5646 tags are valid (2.1 §3.2 lang)', () => {
  for (const tag of [
    'en',
    'en-US',
    'fr',
    'de-CH-1996',
    'zh-Hans-CN',
    'es-419',
    'sr-Latn-RS',
    'i-klingon',
    'qaa',
    'x-private',
    'en-a-bbb-x-ccc',
    'zh-yue',
    'EN-us',
  ])
    assert.equal(isLanguageTag(tag), true, tag);
});

test('language tags: malformed or unregistered tags are invalid', () => {
  for (const tag of ['', 'english', 'en-USA', 'xx', 'en_US', 'en-', 'de-1996-1996', 'en-a', 'en-a-bbb-a-ccc', 'x', 'en-Zzzq', 'abcd'])
    assert.equal(isLanguageTag(tag), false, tag);
});
