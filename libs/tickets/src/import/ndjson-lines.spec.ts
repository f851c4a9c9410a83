import { NdjsonLine, NdjsonLineReader } from './ndjson-lines';

async function readAll(chunks: (string | Buffer)[], maxLineBytes = 100): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of new NdjsonLineReader(maxLineBytes).lines(chunks)) lines.push(line);
  return lines;
}

describe('NdjsonLineReader', () => {
  it('numbers lines across chunk boundaries and skips blank lines', async () => {
    expect(await readAll(['{"a":1}\n{"b"', ':2}\r\n\n  \n{"c":3}'])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '{"b":2}' },
      { number: 5, text: '{"c":3}' },
    ]);
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = Buffer.from('{"s":"Zürich €"}\n');
    const split = bytes.indexOf(0xe2) + 1; // inside the euro sign
    expect(await readAll([bytes.subarray(0, split), bytes.subarray(split)])).toEqual([
      { number: 1, text: '{"s":"Zürich €"}' },
    ]);
  });

  it('ignores a byte-order mark at the start of the file', async () => {
    expect(await readAll(['\uFEFF{"a":1}\n'])).toEqual([{ number: 1, text: '{"a":1}' }]);
  });

  it('reports a line that is too long without buffering it, and goes on after it', async () => {
    const long = 'x'.repeat(60);
    expect(await readAll(['{"a":1}\n', long, long, '\n{"b":2}\n'])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, problem: 'too long', bytes: 120 },
      { number: 3, text: '{"b":2}' },
    ]);
    expect(await readAll([`${'y'.repeat(101)}\n{"c":3}`])).toEqual([
      { number: 1, problem: 'too long', bytes: 101 },
      { number: 2, text: '{"c":3}' },
    ]);
  });

  it('reports a line that is not UTF-8', async () => {
    expect(await readAll([Buffer.from([0x7b, 0xff, 0x7d, 0x0a])])).toEqual([
      { number: 1, problem: 'not UTF-8', bytes: 3 },
    ]);
  });

  it('counts the bytes it has read', async () => {
    const reader = new NdjsonLineReader(100);
    for await (const _line of reader.lines(['{"a":1}\n', '{"b":2}\n'])) {
      // drain
    }
    expect(reader.bytesRead).toBe(16);
  });
});
