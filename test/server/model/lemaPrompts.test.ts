// LeMa's chain-of-thought prompt as its checkpoints saw it: GSM8K questions carry double spaces
// after sentences and line breaks, which LeMa's own records hold as single spaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lemaSolvePrompt } from '../../../server/model/lemaPrompts.ts';

test('the solve prompt holds the question with each run of white space as one space', () => {
  assert.equal(
    lemaSolvePrompt('  A robe takes 2 bolts of blue fiber.  How many\n  bolts\tin total?  \n'),
    "Please solve the following math problem.\nQuestion: A robe takes 2 bolts of blue fiber. How many bolts in total?\nAnswer: Let's think step by step.\n",
  );
});
