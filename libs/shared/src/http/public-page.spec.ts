import { escapeHtml, publicPage } from './public-page';

describe('escapeHtml', () => {
  it('shows text exactly as typed, tags and comparisons included', () => {
    expect(escapeHtml('Refund <b>please</b> & "soon" if 3 < 5')).toBe(
      'Refund &lt;b&gt;please&lt;/b&gt; &amp; &quot;soon&quot; if 3 &lt; 5',
    );
  });

  it('is safe inside a quoted attribute value', () => {
    expect(`<input value="${escapeHtml(`x" onfocus="alert(1)`)}">`).toBe(
      '<input value="x&quot; onfocus=&quot;alert(1)">',
    );
    expect(escapeHtml("it's")).toBe('it&apos;s');
  });

  it('keeps letters of every language as they are', () => {
    expect(escapeHtml('Grüße, Zoë — 請求書')).toBe('Grüße, Zoë — 請求書');
  });
});

describe('publicPage', () => {
  it('escapes the title', () => {
    expect(publicPage('<Thanks>', '<p>ok</p>')).toContain('&lt;Thanks&gt;');
  });
});
