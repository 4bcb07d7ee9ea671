// Records and exports hold no absolute paths, user names, API keys or endpoint credentials: a
// fake key, user and home folder are put everywhere they could leak from, and every byte of the
// log and of each export is scanned for them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { WrongVerdict } from '../../../server/engine/types.ts';
import { exportToFile, storeSource } from '../../../server/export/exportLog.ts';
import { exportFormats } from '../../../server/protocol.ts';
import { CorrectionStore } from '../../../server/store/correctionStore.ts';
import { humanVerifiedRecord, recordFromVerdict } from '../../../server/store/record.ts';
import { relativeDocumentPath } from '../../../server/store/relativePath.ts';
import { muffins } from '../../support/makeProblem.ts';

const FAKE_KEY = 'sk-test-FAKEKEY0123456789';
const FAKE_USER = 'zelda-fake-user';
const FAKE_HOME = `/home/${FAKE_USER}`;

const dir = mkdtempSync(join(tmpdir(), 'lema-privacy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('neither the log nor any export holds a key, a user name, a home folder or an endpoint URL', async () => {
  const verdict: WrongVerdict = {
    status: 'wrong',
    // An engine that (wrongly) put the whole endpoint URL with credentials into its host.
    engine: { kind: 'model', model: 'lema-7b', style: 'chat', templateVersion: 'v1', host: `https://${FAKE_USER}:${FAKE_KEY}@gpu.example.com:8443/v1?api_key=${FAKE_KEY}` },
    stepIndex: 1,
    kind: 'reasoning',
    explanation: 'Selling muffins takes them away.',
    hint: 'Check the operation.',
    correction: { fromStep: 1, steps: ['After selling 30, 48 - 30 = 18 muffins are left.'], finalAnswer: '18' },
  };
  const folders = [`file://${FAKE_HOME}/school`, `file:///C:/Users/${FAKE_USER}/school`];
  const documents = [
    `file://${FAKE_HOME}/school/week1/hw.md`,
    `file://${FAKE_HOME}/Desktop/outside.md`,
    `file:///c%3A/Users/${FAKE_USER}/school/hw.md`,
    `untitled:Untitled-1`,
  ];
  const store = new CorrectionStore(join(dir, FAKE_USER, '.lema-tutor', 'corrections.jsonl'));
  for (const [i, uri] of documents.entries()) {
    const relativePath = relativeDocumentPath(uri, folders);
    const accepted = recordFromVerdict({ problem: muffins(i), verdict, mode: 'tutor', relativePath, action: 'accepted' });
    await store.append(accepted);
    await store.append(humanVerifiedRecord(accepted, [accepted.originalSteps[0]!, 'Now 18 are left.'], '18')!);
    await store.append(recordFromVerdict({ problem: muffins(i), verdict, mode: 'reveal', relativePath, action: 'rejected', solutionCorrect: i % 2 === 0 }));
  }
  const forbidden = [FAKE_KEY, FAKE_USER, FAKE_HOME, 'https://', 'api_key', 'Users/', homedir()];
  const scan = (label: string, text: string) => {
    for (const secret of forbidden) assert.ok(!text.includes(secret), `${label} holds ${secret}`);
  };
  const log = readFileSync(store.path, 'utf8');
  assert.equal(log.trim().split('\n').length, 12);
  scan('the log', log);
  assert.match(log, /"host":"gpu\.example\.com:8443"/);
  assert.match(log, /"documentPath":"week1\/hw\.md"/);

  for (const format of exportFormats) {
    const out = join(dir, `${format}.jsonl`);
    const result = await exportToFile(storeSource(store), { format, keepSuperseded: true }, out);
    assert.ok(result.written > 0, `${format} wrote samples`);
    scan(format, readFileSync(out, 'utf8'));
  }
});
