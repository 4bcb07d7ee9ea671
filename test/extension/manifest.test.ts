// The extension manifest (package.json) must mirror the server's settings schema exactly, keep every
// setting that decides where text goes out of folders' reach, and point at files that exist.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { settingsSchema } from '../../server/settings.ts';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
}

/** Leaf settings of the server schema, keyed `lemaTutor.a.b` like VS Code's configuration keys. */
function serverSettings(): Map<string, JsonSchema> {
  const schema = z.toJSONSchema(settingsSchema, { io: 'input' }) as JsonSchema;
  const leaves = new Map<string, JsonSchema>();
  const walk = (node: JsonSchema, prefix: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (child.type === 'object' && child.properties) walk(child, `${prefix}.${key}`);
      else leaves.set(`${prefix}.${key}`, child);
    }
  };
  walk(schema, 'lemaTutor');
  return leaves;
}

const properties: Record<string, JsonSchema & { scope?: string; enumDescriptions?: string[] }> =
  manifest.contributes.configuration.properties;

/** Settings that decide where a person's text is sent or written. */
const outwardSettings = [
  'lemaTutor.model.endpoint',
  'lemaTutor.model.name',
  'lemaTutor.model.style',
  'lemaTutor.model.headers',
  'lemaTutor.model.templateFile',
  'lemaTutor.log.enabled',
  'lemaTutor.log.location',
  'lemaTutor.log.path',
];

describe('extension manifest', () => {
  test('contributes exactly the server settings, plus the client trace', () => {
    const expected = [...serverSettings().keys(), 'lemaTutor.trace.server'].sort();
    assert.deepEqual(Object.keys(properties).sort(), expected);
  });

  test('each setting has the server type, default, enum and bounds', () => {
    for (const [name, server] of serverSettings()) {
      const contributed = properties[name]!;
      assert.equal(contributed.type, server.type, `${name} type`);
      assert.deepEqual(contributed.default, server.default, `${name} default`);
      assert.deepEqual(contributed.enum, server.enum, `${name} enum`);
      assert.equal(contributed.minimum, server.minimum, `${name} minimum`);
      assert.equal(contributed.maximum, server.maximum, `${name} maximum`);
    }
  });

  test('every setting has a scope, a description, and a description per enum value', () => {
    for (const [name, property] of Object.entries(properties)) {
      assert.ok(property.scope, `${name} scope`);
      assert.ok('description' in property || 'markdownDescription' in property, `${name} description`);
      if (property.enum) assert.equal(property.enumDescriptions?.length, property.enum.length, `${name} enumDescriptions`);
    }
  });

  test('settings that decide where text goes are machine scoped and restricted in untrusted folders', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const name of outwardSettings) {
      assert.ok(['machine', 'application'].includes(properties[name]!.scope!), `${name} scope`);
      assert.ok(restricted.includes(name), `${name} restricted`);
    }
    assert.ok(!Object.keys(properties).some((name) => /apikey|api\.key|secret|password|bearer/i.test(name)), 'no API key setting');
  });

  test('commands carry the LeMa Tutor category and lemaTutor ids', () => {
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^lemaTutor\.[a-zA-Z]+$/);
      assert.equal(command.category, 'LeMa Tutor');
    }
  });

  test('the icon, view container icon and walkthrough files exist', () => {
    const files = [
      manifest.icon,
      ...manifest.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
      ...manifest.contributes.walkthroughs.flatMap((w: { steps: { media: { markdown: string } }[] }) =>
        w.steps.map((s) => s.media.markdown),
      ),
    ];
    for (const file of files) assert.ok(existsSync(join(root, file)), `${file} exists`);
  });

  test('every setting is in the README settings table', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| setting | default | scope |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n');
    for (const name of Object.keys(properties)) {
      const [group, leaf] = [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.') + 1)];
      // A row names a setting in full, or as `.leaf` after another setting of its group.
      const listed = rows.some((row) => row.includes(`\`${name}\``) || (row.includes(`\`${group}.`) && row.includes(`\`.${leaf}\``)));
      assert.ok(listed, `${name} is in the README table`);
    }
  });

  test('setting links in descriptions are written out, so they read "LeMa Tutor" (VS Code would derive "Lema Tutor" from the key)', () => {
    for (const [name, property] of Object.entries(properties)) {
      const text = JSON.stringify(property);
      assert.doesNotMatch(text, /#lemaTutor\.[\w.]+#/, `${name} links a setting by its key`);
      assert.doesNotMatch(text, /Lema Tutor/, name);
    }
  });

  test('walkthrough and view commands are contributed', () => {
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const linked = JSON.stringify(manifest.contributes.walkthroughs).match(/command:lemaTutor\.[a-zA-Z.]+/g) ?? [];
    // `<view id>.focus` is a command VS Code makes for each view.
    for (const link of linked.filter((l) => !l.endsWith('.focus'))) assert.ok(contributed.has(link.slice('command:'.length)), link);
    for (const item of manifest.contributes.menus['view/item/context']) assert.ok(contributed.has(item.command), item.command);
  });

  test('activation, entry point and extension kind fit a bundled workspace extension', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.ok(manifest.engines.vscode);
  });
});
