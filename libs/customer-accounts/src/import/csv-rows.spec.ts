import { CsvColumns, CsvRow, CsvRowReader } from './csv-rows';

const COLUMNS: CsvColumns = {
  required: ['number', 'name'],
  optional: ['note', 'invoice_number', 'allocated_amount'],
  together: [['invoice_number', 'allocated_amount']],
};

async function readAll(chunks: (string | Buffer)[], maxRowBytes?: number): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of new CsvRowReader(COLUMNS, maxRowBytes).rows(chunks)) rows.push(row);
  return rows;
}

const fields = (number: string, name: string, note = '') => ({
  number,
  name,
  note,
  invoice_number: '',
  allocated_amount: '',
});

describe('CsvRowReader', () => {
  it('maps fields by header name in any order, and reads left-out optional columns as blank', async () => {
    expect(await readAll(['name,NUMBER\n', 'Acme,A-1\n'])).toEqual([
      { line: 2, fields: fields('A-1', 'Acme') },
    ]);
  });

  it('numbers rows by the line they start on, across chunks, quoted line breaks and CRLF', async () => {
    const rows = await readAll([
      '\uFEFFnumber,name,note\r\n',
      'A-1,"Acme, Inc.","two\r\nlines"\r\n',
      '\r\n',
      'A-2,"Say ""hi""",',
      'x\r\nA-3,Zed,\n',
    ]);
    expect(rows).toEqual([
      { line: 2, fields: fields('A-1', 'Acme, Inc.', 'two\r\nlines') },
      { line: 5, fields: fields('A-2', 'Say "hi"', 'x') },
      { line: 6, fields: fields('A-3', 'Zed') },
    ]);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('number,name\nA-1,Zürich €\n');
    const split = bytes.indexOf(0xe2) + 1;
    expect(await readAll([bytes.subarray(0, split), bytes.subarray(split)])).toEqual([
      { line: 2, fields: fields('A-1', 'Zürich €') },
    ]);
  });

  it('reports a row with the wrong number of fields or bytes that are not UTF-8, and goes on', async () => {
    const rows = await readAll([
      'number,name\n',
      'A-1,Acme,extra\n',
      Buffer.from([0x41, 0x2d, 0x32, 0x2c, 0xff, 0x0a]),
      'A-3,Zed\n',
    ]);
    expect(rows).toEqual([
      { line: 2, problem: 'has 3 fields, the header has 2' },
      { line: 3, problem: 'is not valid UTF-8' },
      { line: 4, fields: fields('A-3', 'Zed') },
    ]);
  });

  it('refuses a header with an unknown, repeated or missing column, reading nothing', async () => {
    expect(await readAll(['number,name,colour\nA-1,Acme,red\n'])).toEqual([
      {
        line: 1,
        problem:
          'header: unknown column "colour" (the file takes number, name, note, invoice_number, allocated_amount); the file was not read',
        fatal: true,
      },
    ]);
    expect((await readAll(['number,name,name\n']))[0]).toMatchObject({
      problem: expect.stringMatching(/"name" appears twice/),
    });
    expect((await readAll(['\n\nname\nAcme\n']))[0]).toMatchObject({
      line: 3,
      problem: expect.stringMatching(/missing column number/),
      fatal: true,
    });
    expect((await readAll(['number,name,invoice_number\n']))[0]).toMatchObject({
      problem: expect.stringMatching(/invoice_number and allocated_amount go together/),
    });
  });

  it('stops at broken quoting with the line of the broken row, after the rows before it', async () => {
    const rows = await readAll([
      'number,name\nA-1,Acme\n',
      'A-2,"multi\nline"\nA-3,"Bad"x\nA-4,Fine\nA-5,Fine\n',
    ]);
    expect(rows).toEqual([
      { line: 2, fields: fields('A-1', 'Acme') },
      { line: 3, fields: fields('A-2', 'multi\nline') },
      {
        line: 5,
        problem: expect.stringMatching(
          /^not valid CSV: a quoted field must end .*; the rest of the file was not read$/,
        ),
        fatal: true,
      },
    ]);
  });

  it('stops at a quote that is never closed, without holding the rest of the file', async () => {
    const rows = await readAll(
      ['number,name\nA-1,"Acme\n', ...Array.from({ length: 50 }, () => 'x'.repeat(1000))],
      10_000,
    );
    expect(rows).toEqual([
      { line: 2, problem: expect.stringMatching(/^not valid CSV: the row is longer than/), fatal: true },
    ]);
  });

  it('counts the bytes it has read', async () => {
    const reader = new CsvRowReader(COLUMNS);
    for await (const _row of reader.rows(['number,name\n', 'A-1,Zürich\n'])) {
      // drain
    }
    expect(reader.bytesRead).toBe(24);
  });
});
