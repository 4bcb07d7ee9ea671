// Small hand-written records in the three dataset formats (not copied from the datasets).
export const gsm8kLines = [
  { question: 'Ann has 4 bags of 6 apples. She eats 5. How many are left?', answer: 'Ann has 4 * 6 = <<4*6=24>>24 apples.\nShe has 24 - 5 = <<24-5=19>>19 left.\n#### 19' },
  { question: 'A pen costs $3. How much do 7 pens cost?', answer: '7 pens cost 7 * 3 = $<<7*3=21>>21.\n#### 21' },
];

export const processBenchLines = [
  {
    id: 'gsm8k-7',
    generator: 'hand-written',
    problem: 'Tim reads 12 pages a day for 5 days. How many pages?',
    steps: [
      'Tim reads \\(12\\) pages each day.',
      'Over 5 days:\n\\[12 \\times 5 = 50\\]\n- pages per day: 12\n- days: 5',
      'The answer is \\(\\boxed{50}\\).',
    ],
    final_answer_correct: false,
    label: 1,
  },
];

export const mathCheckLines = [
  {
    task_type: 'process_judging',
    question_type: 'seed_question',
    group_id: '0',
    id: '42',
    question: 'Lea buys 3 books at $8 each. How much does she pay?',
    solution: 'Step 1: Each book costs $8.\nStep 2: She pays 3 * 8 = $25.\n\nThe answer is $25.',
    answer: 'Step 2',
  },
];

export const jsonl = (records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
