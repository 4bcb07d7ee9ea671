// What a folder cannot change, and what no client can send: settings that cost the person's
// endpoint or decide what is recorded are the user's (machine scope) and bounded by the server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaultSettings, parseSettings } from '../../server/settings.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string; minimum?: number; maximum?: number }> = manifest.contributes.configuration.properties;

/** Each costs the endpoint (requests, tokens, waiting) or changes what reaches the log. */
const userOnly = [
  'lemaTutor.debounceMs',
  'lemaTutor.model.timeoutMs',
  'lemaTutor.model.retries',
  'lemaTutor.model.temperature',
  'lemaTutor.model.maxTokens',
  'lemaTutor.model.trigger',
  'lemaTutor.model.pauseMs',
  'lemaTutor.model.concurrency',
];

describe('settings a folder cannot set', () => {
  test('are machine scoped and restricted in untrusted folders', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of userOnly) {
      assert.ok(['machine', 'application'].includes(properties[name]?.scope ?? ''), `${name} scope`);
      assert.ok(restricted.includes(name), `${name} restricted`);
    }
  });

  test("values beyond the bounds are clamped to them, whoever sends them", () => {
    const settings = parseSettings({
      debounceMs: -1,
      model: { concurrency: 6400, maxTokens: 3_276_800, retries: 1000, timeoutMs: 60_000_000, pauseMs: 1, temperature: 99 },
    });
    assert.deepEqual(
      [settings.debounceMs, settings.model.concurrency, settings.model.maxTokens, settings.model.retries, settings.model.timeoutMs, settings.model.pauseMs, settings.model.temperature],
      [0, 64, 32_768, 10, 600_000, 100, 2],
    );
  });

  test('every bounded number: in range is kept (integers rounded), out of range is the nearest bound, not a number is the default', () => {
    const numbers: [string, number, number, number, boolean][] = [];
    for (const [name, property] of Object.entries(properties)) {
      if (property.minimum === undefined || property.maximum === undefined) continue;
      const path = name.replace(/^lemaTutor\./, '').split('.');
      const fallback = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], defaultSettings) as number;
      numbers.push([name, property.minimum, property.maximum, fallback, (properties[name] as { type?: string }).type === 'integer']);
    }
    assert.ok(numbers.length >= userOnly.length - 1, 'the bounded settings are found');
    const read = (path: string[], value: unknown) => {
      const raw = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
      return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], parseSettings(raw)) as number;
    };
    for (const [name, min, max, fallback, integer] of numbers) {
      const path = name.replace(/^lemaTutor\./, '').split('.');
      assert.equal(read(path, max + 1), max, `${name} above`);
      assert.equal(read(path, min - 1), min, `${name} below`);
      assert.equal(read(path, Number.POSITIVE_INFINITY), max, `${name} infinity`);
      assert.equal(read(path, '12'), fallback, `${name} text`);
      assert.equal(read(path, Number.NaN), fallback, `${name} NaN`);
      assert.equal(read(path, min), min, `${name} min`);
      if (integer) assert.equal(read(path, min + 1.4), min + 1, `${name} rounded`);
    }
  });
});
