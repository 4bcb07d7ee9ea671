// Renders the corrections statistics as static HTML with inline SVG bar charts (no scripts, no remote
// resources), for the Corrections webview view. Plain function of its inputs so it is easy to test.
import type { LogStats } from '../server/protocol.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Bar {
  label: string;
  value: number;
}

/** A horizontal bar chart; colours come from the theme through CSS classes. */
export function barChart(title: string, bars: Bar[]): string {
  if (bars.length === 0) return '';
  const rowHeight = 18;
  const labelWidth = 90;
  const chartWidth = 160;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight;
  const rows = bars
    .map((bar, i) => {
      const y = i * rowHeight;
      const width = Math.max(1, Math.round((bar.value / max) * chartWidth));
      return (
        `<text class="label" x="${labelWidth - 4}" y="${y + 13}" text-anchor="end">${escapeHtml(bar.label)}</text>` +
        `<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 6}" rx="2"><title>${escapeHtml(bar.label)}: ${bar.value}</title></rect>` +
        `<text class="value" x="${labelWidth + width + 4}" y="${y + 13}">${bar.value}</text>`
      );
    })
    .join('');
  return (
    `<h3>${escapeHtml(title)}</h3>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelWidth + chartWidth + 40} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${rows}</svg>`
  );
}

function barsOf(counts: Record<string, number>, order: 'key' | 'value', limit: number): Bar[] {
  const bars = Object.entries(counts).map(([label, value]) => ({ label, value }));
  bars.sort(order === 'key' ? (a, b) => a.label.localeCompare(b.label) : (a, b) => b.value - a.value);
  return order === 'key' ? bars.slice(-limit) : bars.slice(0, limit);
}

export interface PageParts {
  cspSource: string;
  nonce: string;
}

/** The whole page. `stats` undefined: the server is not running or the log could not be read. */
export function renderCorrectionsPage({ cspSource, nonce }: PageParts, stats: LogStats | undefined, note?: string): string {
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}';`;
  let body: string;
  if (!stats) {
    body = `<p>${escapeHtml(note ?? 'The corrections log is not available.')}</p>`;
  } else if (stats.total === 0) {
    body =
      '<p>No corrections recorded yet. Apply a quick fix on a wrong step, or mark a step as correct, and it shows up here.</p>' +
      (note ? `<p class="note">${escapeHtml(note)}</p>` : '');
  } else {
    const days = barsOf(stats.byDay, 'key', 14).map((b) => ({ ...b, label: b.label.slice(5) }));
    const recent = stats.recent
      .slice(0, 10)
      .map(
        (r) =>
          `<li class="${r.action}"><span class="action">${r.action === 'accepted' ? '✓' : '✗'}</span> ` +
          `<span class="kind">${escapeHtml(r.kind)}</span>, step ${r.step + 1} · <time>${escapeHtml(r.time.slice(0, 16).replace('T', ' '))}</time>` +
          `<div class="question">${escapeHtml(truncate(r.question, 120))}</div></li>`,
      )
      .join('');
    body =
      `<p class="counts"><strong>${stats.total}</strong> corrections · ${stats.accepted} accepted · ${stats.rejected} rejected</p>` +
      (note ? `<p class="note">${escapeHtml(note)}</p>` : '') +
      barChart('Per day (last 14)', days) +
      barChart('Per kind of mistake', barsOf(stats.byKind, 'value', 8)) +
      barChart('Per engine', barsOf(stats.byEngine, 'value', 8)) +
      (recent ? `<h3>Recent</h3><ul class="recent">${recent}</ul>` : '') +
      '<p class="links"><a href="command:lemaTutor.exportCorrections">Export…</a> · <a href="command:lemaTutor.openLog">Open log</a></p>';
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 8px; }
h3 { font-size: 0.9em; text-transform: uppercase; opacity: 0.8; margin: 1em 0 0.3em; }
svg .bar { fill: var(--vscode-charts-blue); }
svg text { fill: var(--vscode-foreground); font-size: 11px; }
.recent { list-style: none; padding: 0; margin: 0; }
.recent li { margin: 0 0 0.6em; }
.recent .accepted .action { color: var(--vscode-charts-green); }
.recent .rejected .action { color: var(--vscode-charts-red); }
.question { opacity: 0.8; font-size: 0.9em; }
.note { opacity: 0.8; }
a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>${body}</body>
</html>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
