// End-to-end tests inside a real VS Code: the extension activates, the server flags the wrong step of
// the example homework, the quick fix corrects it, the diagnostic clears and the correction is logged.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LemaTutorApi } from '../../../extension/extension.ts';
import { defaultSettings } from '../../../server/settings.ts';
import { diagnosticsWhere } from './wait.ts';

const extensionId = 'lema-tutor.lema-tutor';
const machineScoped = [
  'lemaTutor.model.endpoint',
  'lemaTutor.model.name',
  'lemaTutor.model.style',
  'lemaTutor.model.headers',
  'lemaTutor.model.templateFile',
  'lemaTutor.log.path',
  'lemaTutor.log.location',
];

interface ConfigurationProperty {
  scope?: string;
  default?: unknown;
  enum?: string[];
  enumDescriptions?: string[];
}

function extension(): vscode.Extension<LemaTutorApi> {
  const found = vscode.extensions.getExtension<LemaTutorApi>(extensionId);
  assert.ok(found, `extension ${extensionId} is installed`);
  return found;
}

/** Flattens `{ model: { endpoint: '' } }` into `{ 'lemaTutor.model.endpoint': '' }`. */
function flatten(value: object, prefix: string, into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, inner] of Object.entries(value)) {
    const name = `${prefix}.${key}`;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner).length > 0) {
      flatten(inner, name, into);
    } else {
      into[name] = inner;
    }
  }
  return into;
}

/** The 0-based line range of the section whose heading starts with `heading`, up to the next `## `. */
function sectionLines(document: vscode.TextDocument, heading: string): { start: number; end: number } {
  const lines = document.getText().split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith(heading));
  assert.ok(start >= 0, `the document has a section "${heading}"`);
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return { start, end: next < 0 ? lines.length - 1 : next - 1 };
}

function inLines(diagnostic: vscode.Diagnostic, lines: { start: number; end: number }): boolean {
  return diagnostic.range.start.line >= lines.start && diagnostic.range.start.line <= lines.end;
}

describe('LeMa Tutor in VS Code', () => {
  let api: LemaTutorApi;

  before(async () => {
    api = await extension().activate();
  });

  it('contributes every server setting with its default, and machine scope where text is sent or written', () => {
    const contributes = extension().packageJSON.contributes as {
      configuration: { properties: Record<string, ConfigurationProperty> };
    };
    const properties = contributes.configuration.properties;
    const expected = flatten(defaultSettings, 'lemaTutor');
    for (const [name, value] of Object.entries(expected)) {
      assert.ok(properties[name], `${name} is contributed`);
      assert.deepEqual(properties[name].default, value, `${name} default`);
    }
    assert.deepEqual(
      Object.keys(properties).filter((name) => !(name in expected)).sort(),
      ['lemaTutor.trace.server'],
      'no contributed setting the server does not read',
    );
    for (const name of machineScoped) {
      assert.ok(['machine', 'application'].includes(properties[name]?.scope ?? ''), `${name} is machine scoped`);
    }
    for (const [name, property] of Object.entries(properties)) {
      assert.ok(property.scope, `${name} has an explicit scope`);
      if (property.enum) assert.equal(property.enumDescriptions?.length, property.enum.length, `${name} enumDescriptions`);
    }
    const restricted = (extension().packageJSON.capabilities as { untrustedWorkspaces: { restrictedConfigurations: string[] } })
      .untrustedWorkspaces.restrictedConfigurations;
    for (const name of machineScoped) assert.ok(restricted.includes(name), `${name} is restricted in untrusted folders`);
  });

  it('registers every contributed command', async () => {
    const contributed = (extension().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  it('flags the wrong step of the example, applies the correction, clears the diagnostic and logs it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with the repository open');
    const uri = vscode.Uri.file(path.join(folder.uri.fsPath, 'examples', 'homework.md'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    try {
      const bakery = sectionLines(document, '## 1.');
      const before = await diagnosticsWhere(uri, (all) => all.some((d) => inLines(d, bakery)));
      const diagnostic = before.find((d) => inLines(d, bakery))!;
      assert.equal(diagnostic.range.start.line, bakery.start + 4, 'the first step of the bakery problem is the wrong one');

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
        // Resolve lazily computed edits too.
        10,
      );
      const fix = actions.find(
        (a): a is vscode.CodeAction =>
          'edit' in a && a.edit !== undefined && (a.kind?.contains(vscode.CodeActionKind.QuickFix) ?? false),
      );
      assert.ok(fix?.edit, `a quick fix with an edit is offered (got: ${actions.map((a) => a.title).join(', ')})`);

      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

      const corrected = document.getText();
      assert.notEqual(corrected, original, 'the text changed');
      assert.ok(!corrected.includes('9 × 2 = 19'), 'the wrong step is gone');
      assert.ok(corrected.includes('18'), 'the corrected count 18 is written');

      const fixedBakery = sectionLines(document, '## 1.');
      await diagnosticsWhere(uri, (all) => !all.some((d) => inLines(d, fixedBakery)));

      const location = await api.logLocation();
      assert.ok(location.enabled, 'logging is on in a trusted folder');
      assert.ok(existsSync(location.path), `the log exists at ${location.path}`);
      const records = readFileSync(location.path, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const last = JSON.parse(records.at(-1)!) as unknown;
      const text = JSON.stringify(last);
      assert.match(text, /bakery/i, 'the newest record is about the bakery problem');
      assert.match(text, /accept/i, 'the newest record is an accepted correction');
    } finally {
      // Leave the example as it was for the next run.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
