/**
 * Copies text to the clipboard. `navigator.clipboard` exists only on secure origins (https, localhost), and many
 * Grafana instances are served over plain http, so a hidden-textarea copy is the fallback. Rejects with an Error
 * saying why when neither works, so the caller can tell the user.
 */
export async function copyToClipboard(text: string): Promise<void> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  let firstError: unknown;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return;
    } catch (err) {
      // Denied permission or a document without focus: the textarea copy may still work.
      firstError = err;
    }
  }
  if (!copyWithTextarea(text)) {
    const reason = firstError instanceof Error ? `: ${firstError.message}` : '';
    throw new Error(`The browser did not allow copying to the clipboard${reason}`, { cause: firstError });
  }
}

function copyWithTextarea(text: string): boolean {
  if (typeof document === 'undefined' || !document.body) {
    return false;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off-screen, not display:none: hidden elements cannot be selected.
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  document.body.appendChild(area);
  try {
    area.select();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only copy API on plain-http origins
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    // Some browsers throw instead of returning false; the caller reports the failure either way.
    return false;
  } finally {
    area.remove();
  }
}
