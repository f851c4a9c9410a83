import { createHash } from 'node:crypto';

export interface InlineScript {
  /** The `<script>` element to put in the page. */
  tag: string;
  /** The Content-Security-Policy source that allows exactly this script (its SHA-256). */
  source: string;
}

/**
 * A script a server-rendered page runs inline, with the hash the desk's Content-Security-Policy
 * allows it by: the policy admits no other inline script. The code must not vary per page (data
 * goes in the page's attributes), or the hash would not match.
 */
export function inlineScript(code: string): InlineScript {
  return {
    tag: `<script>${code}</script>`,
    source: `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
  };
}
