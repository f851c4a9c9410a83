import { createHash } from 'node:crypto';
import { inlineScript } from './inline-script';

describe('inlineScript', () => {
  it('gives the element and the CSP source of the SHA-256 of exactly its code', () => {
    const code = "document.getElementById('f').submit();";
    const script = inlineScript(code);
    expect(script.tag).toBe(`<script>${code}</script>`);
    expect(script.source).toBe(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect(inlineScript(`${code} `).source).not.toBe(script.source);
  });
});
