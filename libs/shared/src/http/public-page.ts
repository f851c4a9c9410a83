import sanitizeHtml from 'sanitize-html';

/** Text made safe to put in HTML (every tag dropped, the rest entity-encoded). */
export const escapeHtml = (text: string): string =>
  sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} });

/**
 * A small public page the server renders itself (survey links, the contact form): no login, no
 * scripts from elsewhere, not indexed. `body` is HTML the caller built from escaped parts.
 */
export function publicPage(title: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
textarea{width:100%;min-height:6rem}${style}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
