import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WrongVerdict } from '../../../server/engine/types.ts';
import { correctionRecordSchema, humanVerifiedRecord, recordEngine, recordFromVerdict } from '../../../server/store/record.ts';
import { relativeDocumentPath } from '../../../server/store/relativePath.ts';
import { muffins } from '../../support/makeProblem.ts';

const verdict: WrongVerdict = {
  status: 'wrong',
  engine: { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'lema-v1-1234abcd', host: 'gpu.example.com:8000' },
  stepIndex: 1,
  kind: 'reasoning',
  explanation: 'Selling muffins takes them away.',
  hint: 'Does selling add muffins?',
  correction: { fromStep: 1, steps: ['After selling 30, 48 - 30 = 18 muffins are left.', 'The answer is 18.'], finalAnswer: '18' },
};

describe('recordFromVerdict', () => {
  test('holds the problem, the 1-based incorrect step, the correction and the engine', () => {
    const problem = muffins();
    const now = new Date('2026-11-23T12:00:00Z');
    const record = recordFromVerdict({ problem, verdict, mode: 'reveal', relativePath: 'hw/week1.md', action: 'accepted', now });
    assert.equal(record.schemaVersion, 1);
    assert.match(record.id, /^[0-9a-f-]{36}$/);
    assert.equal(record.time, '2026-11-23T12:00:00.000Z');
    assert.equal(record.action, 'accepted');
    assert.equal(record.humanVerified, false);
    assert.equal(record.question, problem.question);
    assert.deepEqual(record.originalSteps, problem.steps.map((step) => step.text));
    assert.equal(record.originalAnswer, '78');
    assert.equal(record.incorrectStep, 2);
    assert.deepEqual(record.correctedSteps, verdict.correction!.steps);
    assert.equal(record.correctedAnswer, '18');
    assert.deepEqual(record.engine, verdict.engine);
    assert.equal(record.mode, 'reveal');
    assert.equal(record.documentPath, 'hw/week1.md');
    assert.equal(record.contentKey, problem.contentKey);
    assert.equal(record.solutionCorrect, undefined);
  });

  test('re-bases a correction that starts after the flagged step onto it', () => {
    const problem = muffins();
    const record = recordFromVerdict({
      problem,
      verdict: { ...verdict, stepIndex: 0, correction: { fromStep: 1, steps: ['fixed'] } },
      mode: 'tutor',
      relativePath: 'a.md',
      action: 'rejected',
      solutionCorrect: true,
    });
    assert.equal(record.incorrectStep, 1);
    assert.deepEqual(record.correctedSteps, [problem.steps[0]!.text, 'fixed']);
    assert.equal(record.solutionCorrect, true);
  });

  test('keeps only the file name of a path that is not relative', () => {
    const cases: [string, string][] = [
      ['/home/alice/hw.md', 'hw.md'],
      ['C:\\Users\\alice\\hw.md', 'hw.md'],
      ['~/hw.md', 'hw.md'],
      ['../hw.md', 'hw.md'],
      ['/', 'untitled'],
      ['~drafts/hw.md', '~drafts/hw.md'],
    ];
    for (const [relativePath, stored] of cases) {
      const record = recordFromVerdict({ problem: muffins(), verdict, mode: 'tutor', relativePath, action: 'accepted' });
      assert.equal(record.documentPath, stored, relativePath);
    }
    assert.equal(correctionRecordSchema.shape.documentPath.safeParse('/home/alice/hw.md').success, false);
  });

  test('an endpoint host keeps no scheme, credentials or path', () => {
    const engine = recordEngine({ ...verdict.engine, host: 'https://alice:sk-SECRET@gpu.example.com:8000/v1?key=x' } as WrongVerdict['engine']);
    assert.deepEqual(engine, { ...verdict.engine, host: 'gpu.example.com:8000' });
    assert.equal(correctionRecordSchema.shape.engine.safeParse({ ...verdict.engine, host: 'a:b@host' }).success, false);
  });
});

describe('humanVerifiedRecord', () => {
  const previous = recordFromVerdict({ problem: muffins(), verdict, mode: 'tutor', relativePath: 'a.md', action: 'accepted' });
  const firstStep = previous.originalSteps[0]!;

  test('the steps as saved become a human-verified record that supersedes the applied one', () => {
    const saved = [firstStep, 'After selling 30 muffins, 48 - 30 = 18 are left.'];
    const record = humanVerifiedRecord(previous, saved, '18')!;
    assert.notEqual(record.id, previous.id);
    assert.equal(record.supersedes, previous.id);
    assert.equal(record.humanVerified, true);
    assert.equal(record.action, 'accepted');
    assert.equal(record.incorrectStep, 2);
    assert.deepEqual(record.correctedSteps, [saved[1]]);
    assert.equal(record.correctedAnswer, '18');
    assert.deepEqual(record.originalSteps, previous.originalSteps);
  });

  test('an edit of an earlier step moves the incorrect step back to it', () => {
    const record = humanVerifiedRecord(previous, ['The baker bakes 48 muffins.', 'Then 18 are left.'], '18')!;
    assert.equal(record.incorrectStep, 1);
    assert.deepEqual(record.correctedSteps, ['The baker bakes 48 muffins.', 'Then 18 are left.']);
  });

  test('saving the original steps again verifies nothing', () => {
    assert.equal(humanVerifiedRecord(previous, [...previous.originalSteps], previous.originalAnswer), undefined);
  });
});

describe('relativeDocumentPath', () => {
  test('is relative to the innermost workspace folder that holds the document', () => {
    const folders = ['file:///home/alice/school', 'file:///home/alice/school/math'];
    assert.equal(relativeDocumentPath('file:///home/alice/school/math/week%201/hw.md', folders), 'week 1/hw.md');
    assert.equal(relativeDocumentPath('file:///home/alice/school/notes.md', folders), 'notes.md');
  });

  test('is just the file name outside every folder, for untitled documents and odd URIs', () => {
    assert.equal(relativeDocumentPath('file:///home/alice/elsewhere/hw.md', ['file:///home/alice/school']), 'hw.md');
    assert.equal(relativeDocumentPath('file:///home/alice/schoolwork/hw.md', ['file:///home/alice/school']), 'hw.md');
    assert.equal(relativeDocumentPath('untitled:Untitled-1', []), 'Untitled-1');
    assert.equal(relativeDocumentPath('file:///c%3A/Users/alice/hw.md', ['file:///C:/Users/alice']), 'hw.md');
    assert.equal(relativeDocumentPath('file:///', []), 'untitled');
  });

  test('matches Windows drive letters in either case', () => {
    assert.equal(relativeDocumentPath('file:///c%3A/Users/alice/proj/hw.md', ['file:///C:/Users/alice/proj']), 'hw.md');
    assert.equal(relativeDocumentPath('file:///c%3A/Users/alice/proj/sub/hw.md', ['file:///C:/Users/alice/proj']), 'sub/hw.md');
  });
});
