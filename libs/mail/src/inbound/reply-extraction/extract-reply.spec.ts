import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReply } from './extract-reply';

const FIXTURES = join(__dirname, '__fixtures__');
const SEPARATOR = '\n=== expected ===\n';

/** Each fixture: a real-shaped reply body, then the exact text the desk must keep. */
const corpus = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.eml.txt'))
  .sort()
  .map((name) => {
    const [input, expected] = readFileSync(join(FIXTURES, name), 'utf8').split(SEPARATOR);
    return { name, input, expected: expected.replace(/\n$/, '') };
  });

describe('extractReply', () => {
  it('has a corpus of at least 40 real-world reply shapes', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)('keeps only the new text of $name', ({ input, expected }) => {
    expect(extractReply(input)).toBe(expected);
  });

  it('returns an empty string when the message is only quoted history', () => {
    expect(extractReply('On Mon, Nov 24, 2025 at 10:12 AM Desk <d@x.example> wrote:\n> hi\n')).toBe('');
  });
});
