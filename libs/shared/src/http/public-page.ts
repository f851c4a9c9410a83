import { escapeUTF8 } from 'entities';

/**
 * Text shown in HTML exactly as typed: `& < > " '` entity-encoded, so it is safe in element
 * content and in quoted attribute values. (It used to drop anything shaped like a tag, which lost
 * a customer's "<b>" or "a < b" from the text shown back to them.)
 */
export const escapeHtml = (text: string): string => escapeUTF8(text);

/**
 * A small public page the server renders itself (survey links, the contact form): no login, no
 * scripts from elsewhere, not indexed. `body` is HTML the caller built from escaped parts.
 */
export function publicPage(title: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
textarea{width:100%;min-height:6rem}input,select,textarea{box-sizing:border-box}${style}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
