// Writes a corrected value in the style of the number it replaces: integers stay integers,
// decimals keep their places, thousands separators are kept when the original used them.
import { type Exact, HUNDRED, mul, terminatingPlaces, toFixed } from './math/exact.ts';

export interface NumberStyle {
  /** Decimal places of the original. */
  decimals: number;
  /** Thousands separator as the original wrote it (`,`, `\,`, `{,}`), or '' for none. */
  separator: string;
  /** The original was a percentage: the value is written times 100. */
  percent: boolean;
  /**
   * The places are a notation the writer keeps (`7.00`, `$4.25`, `2.50`), not just what one value
   * needed (`6.1`): a corrected value keeps them; otherwise it gets the places it needs.
   */
  fixed: boolean;
}

/** The separator style of a number as written in the source text. */
export function styleOf(written: string, decimals: number, percent: boolean, currency = false): NumberStyle {
  let separator = '';
  if (written.includes('\\,')) separator = '\\,';
  else if (written.includes('{,}')) separator = '{,}';
  else if (/\d,\d{3}/.test(written)) separator = ',';
  else if (/\d\u202F\d/.test(written)) separator = '\u202F';
  const fixed = decimals > 0 && (written.endsWith('0') || (currency && decimals === 2));
  return { decimals, separator, percent, fixed };
}

export function formatLike(value: Exact, style: NumberStyle): string {
  const v = style.percent ? (mul(value, HUNDRED) ?? value) : value;
  const exactPlaces = terminatingPlaces(v, 4);
  // A value that does not terminate gets the writer's places (two when they wrote none).
  const places =
    exactPlaces === undefined ? (style.decimals > 0 ? style.decimals : 2) : style.fixed ? Math.max(style.decimals, exactPlaces) : exactPlaces;
  return groupThousands(toFixed(v, places), style.separator);
}

/** The value rounded to exactly the written number of places: what a rounded result should read. */
export function formatRounded(value: Exact, style: NumberStyle): string {
  const v = style.percent ? (mul(value, HUNDRED) ?? value) : value;
  return groupThousands(toFixed(v, style.decimals), style.separator);
}

/** `-1234.5` -> `-1,234.5` with `separator` between groups of three integer digits ('' leaves it as is). */
export function groupThousands(fixed: string, separator: string): string {
  if (!separator) return fixed;
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [intPart = '', fracPart] = body.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${negative ? '-' : ''}${grouped}${fracPart !== undefined ? `.${fracPart}` : ''}`;
}
