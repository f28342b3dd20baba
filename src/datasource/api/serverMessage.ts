/**
 * The server's own words from an error body, whatever its shape: Connect `{code, message}`, pyroscope-io
 * `{"errors": [...]}`, Grafana's proxy `{message}`, plain text (`invalid parameter: ...`), or an HTML page (reduced
 * to its title, which is all a user needs to see that the URL is wrong). Bounded length; never HTML.
 */
export function serverMessageOf(data: unknown): string | undefined {
  let body: unknown = data;
  if (typeof data === 'string') {
    const text = data.trim();
    if (text === '') {
      return undefined;
    }
    if (text.startsWith('<')) {
      const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
      return title
        ? `an HTML page ("${title.slice(0, 80)}") instead of an API answer`
        : 'an HTML page instead of an API answer';
    }
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the text itself is the message.
      return clip(text);
    }
  }
  if (typeof body === 'object' && body !== null) {
    const rec = body as Record<string, unknown>;
    if (typeof rec.message === 'string' && rec.message !== '') {
      return clip(typeof rec.code === 'string' ? `${rec.code}: ${rec.message}` : rec.message);
    }
    if (Array.isArray(rec.errors) && rec.errors.length > 0) {
      return clip(rec.errors.map(String).join('; '));
    }
    if (typeof rec.error === 'string') {
      return clip(rec.error);
    }
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
