// Credentials written into an endpoint URL (`http://user:pass@host/v1`): fetch refuses such URLs,
// and the URL lands in messages. They are moved to an `Authorization: Basic` header before use, and
// every message that may quote a URL is passed through `redactCredentials`.

export interface SplitEndpoint {
  /** The URL without `user:pass@`. */
  baseURL: string;
  /** `Basic ...` when the URL held credentials. */
  basicAuth?: string;
}

/** Strips `user:pass@` from a parsed http(s) URL and turns it into a Basic header value. */
export function splitCredentials(url: URL): SplitEndpoint {
  if (!url.username && !url.password) return { baseURL: url.href };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return { baseURL: bare.href, basicAuth: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` };
}

// `://` then userinfo up to `@`. Linear: a run of userinfo characters ends at the next `/`, so no
// character is scanned from more than one `://`.
const USERINFO = /:\/\/[^\s/?#@]*@/g;

/** Replaces the userinfo of every URL in a text with `***@`, so no password is ever printed. */
export function redactCredentials(text: string): string {
  return text.replace(USERINFO, '://***@');
}
