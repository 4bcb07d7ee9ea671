import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, escapeHtml, renderCorrectionsPage } from '../../extension/statsChart.ts';
import type { LogStats } from '../../server/protocol.ts';

const parts = { cspSource: 'vscode-webview://abc', nonce: 'n0nce' };

const stats: LogStats = {
  total: 3,
  accepted: 2,
  rejected: 1,
  byEngine: { embedded: 2, model: 1 },
  byKind: { arithmetic: 2, reasoning: 1 },
  byDay: { '2026-11-22': 1, '2026-11-23': 2 },
  recent: [
    { time: '2026-11-23T10:00:00.000Z', question: 'Tom has <b>3</b> apples & 2 pears', step: 0, kind: 'arithmetic', action: 'accepted' },
  ],
};

describe('corrections page', () => {
  test('has a strict CSP: nothing remote, no scripts, only the nonce style', () => {
    const html = renderCorrectionsPage(parts, stats);
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; img-src vscode-webview://abc data:; style-src 'nonce-n0nce';");
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /https?:\/\//);
  });

  test('escapes recorded text', () => {
    const html = renderCorrectionsPage(parts, stats);
    assert.match(html, /Tom has &lt;b&gt;3&lt;\/b&gt; apples &amp; 2 pears/);
    assert.doesNotMatch(html, /<b>3<\/b>/);
  });

  test('shows counts and one bar per day and kind, longest bar for the largest count', () => {
    const html = renderCorrectionsPage(parts, stats);
    assert.match(html, /<strong>3<\/strong> corrections · 2 accepted · 1 rejected/);
    const chart = barChart('kinds', [
      { label: 'arithmetic', value: 4 },
      { label: 'reasoning', value: 1 },
    ]);
    const widths = [...chart.matchAll(/<rect class="bar"[^>]* width="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(widths, [160, 40]);
  });

  test('says so when nothing is recorded or the server is away', () => {
    const empty = renderCorrectionsPage(parts, { ...stats, total: 0, accepted: 0, rejected: 0, recent: [], byDay: {}, byKind: {}, byEngine: {} });
    assert.match(empty, /No corrections recorded yet/);
    assert.doesNotMatch(empty, /<svg/);
    assert.match(renderCorrectionsPage(parts, undefined, 'The server is not running.'), /The server is not running\./);
  });

  test('escapeHtml covers quotes', () => {
    assert.equal(escapeHtml(`"a" & 'b'`), '&quot;a&quot; &amp; &#39;b&#39;');
  });
});
