import { buildMessageBody } from './message-body';

describe('buildMessageBody', () => {
  it('escapes plain text and keeps its paragraphs and line breaks', () => {
    const body = buildMessageBody('Hi <team>,\nI was charged twice.\n\nThanks & regards', 'text');
    expect(body.html).toBe('<p>Hi &lt;team&gt;,<br>I was charged twice.</p><p>Thanks &amp; regards</p>');
    expect(body.text).toBe('Hi <team>,\nI was charged twice.\n\nThanks & regards');
  });

  it('removes scripts, event handlers and javascript: links from HTML', () => {
    const body = buildMessageBody(
      '<p onclick="steal()">Invoice <b>INV-7</b></p><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="https://tracker.example/p.gif">',
      'html',
    );
    expect(body.html).not.toMatch(/script|onclick|javascript:|<img/i);
    expect(body.html).toContain('<p>Invoice <b>INV-7</b></p>');
  });

  it('marks links as external and derives plain text from HTML', () => {
    const body = buildMessageBody('<p>See <a href="https://pay.example/i/7">your invoice</a></p>', 'html');
    expect(body.html).toContain('rel="noopener noreferrer nofollow"');
    expect(body.text).toBe('See your invoice [https://pay.example/i/7]');
  });
});
