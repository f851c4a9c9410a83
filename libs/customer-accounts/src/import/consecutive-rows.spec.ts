import { ConsecutiveRows, GroupEvent, refuseGroup, RowResult, rowsOf } from './consecutive-rows';

const doc = (key: string) => ({ key, label: `invoice ${JSON.stringify(key)}` });
const ok = <T>(value: T): RowResult<T> => ({ ok: true, value });

/** Feeds rows `[line, key]` (key null: an unreadable row) and returns what came out. */
function feed(rows: [number, string | null][], maxRows = 10): GroupEvent<RowResult<number>>[] {
  const groups = new ConsecutiveRows<RowResult<number>>(maxRows);
  const events: GroupEvent<RowResult<number>>[] = [];
  for (const [line, key] of rows) {
    if (key === null) groups.skip(line);
    else events.push(...groups.add(line, doc(key), ok(line)));
  }
  const last = groups.finish();
  if (last) events.push({ group: last });
  return events;
}

const summary = (events: GroupEvent<RowResult<number>>[]) =>
  events.map((event) =>
    'group' in event
      ? {
          key: event.group.key,
          lines: event.group.rows.map((row) => row.line),
          interruptedAt: event.group.interruptedAt,
        }
      : event.error,
  );

describe('ConsecutiveRows', () => {
  it('groups consecutive rows with the same key into one document', () => {
    expect(
      summary(
        feed([
          [2, 'A'],
          [3, 'A'],
          [4, 'B'],
          [5, 'C'],
          [6, 'C'],
        ]),
      ),
    ).toEqual([
      { key: 'A', lines: [2, 3], interruptedAt: undefined },
      { key: 'B', lines: [4], interruptedAt: undefined },
      { key: 'C', lines: [5, 6], interruptedAt: undefined },
    ]);
  });

  it('refuses every row of a document that appears again after another one', () => {
    expect(
      summary(
        feed([
          [2, 'A'],
          [3, 'B'],
          [4, 'A'],
          [5, 'A'],
        ]),
      ),
    ).toEqual([
      { key: 'A', lines: [2], interruptedAt: undefined },
      { key: 'B', lines: [3], interruptedAt: undefined },
      {
        line: 4,
        reason: 'invoice "A" already appeared at line 2: the rows of one document must be consecutive',
      },
      {
        line: 5,
        reason: 'invoice "A" already appeared at line 2: the rows of one document must be consecutive',
      },
    ]);
  });

  it('marks a document whose rows go on after an unreadable row, but not one that ended before it', () => {
    expect(
      summary(
        feed([
          [2, 'A'],
          [3, null],
          [4, 'B'],
          [5, null],
          [6, 'B'],
        ]),
      ),
    ).toEqual([
      { key: 'A', lines: [2], interruptedAt: undefined },
      { key: 'B', lines: [4, 6], interruptedAt: 5 },
    ]);
  });

  it('refuses the rows beyond the limit as they come and marks the document', () => {
    const events = feed(
      [
        [2, 'A'],
        [3, 'A'],
        [4, 'A'],
      ],
      2,
    );
    expect(events[0]).toEqual({ error: { line: 4, reason: 'invoice "A" has more than 2 rows' } });
    expect(events[1]).toMatchObject({ group: { overflowed: true } });
  });
});

describe('rowsOf', () => {
  const group = (values: RowResult<string>[], extra = {}) => ({
    key: 'A',
    label: 'invoice "A"',
    rows: values.map((value, index) => ({ line: index + 2, value })),
    ...extra,
  });

  it('gives the rows of a good document', () => {
    expect(rowsOf(group([ok('x'), ok('y')]), 10)).toEqual({
      ok: true,
      rows: [
        { line: 2, value: 'x' },
        { line: 3, value: 'y' },
      ],
    });
  });

  it('refuses all rows of a document with a bad row, pointing the others at it', () => {
    expect(rowsOf(group([ok('x'), { ok: false, reason: 'quantity is bad' }, ok('z')]), 10)).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'rejected with the rest of invoice "A" (see line 3)' },
        { line: 3, reason: 'quantity is bad' },
        { line: 4, reason: 'rejected with the rest of invoice "A" (see line 3)' },
      ],
    });
  });

  it('refuses all rows of an interrupted or overlong document', () => {
    expect(rowsOf(group([ok('x'), ok('y')], { interruptedAt: 3 }), 10)).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'invoice "A" is interrupted by line 3, which could not be read' },
        { line: 3, reason: 'invoice "A" is interrupted by line 3, which could not be read' },
      ],
    });
    expect(rowsOf(group([ok('x')], { overflowed: true }), 1)).toEqual({
      ok: false,
      errors: [{ line: 2, reason: 'invoice "A" has more than 1 rows' }],
    });
  });

  it('names the first culprit when several rows are bad', () => {
    const errors = refuseGroup(
      { label: 'payment "P"', rows: [{ line: 7 }, { line: 8 }, { line: 9 }] },
      new Map([
        [9, 'late'],
        [8, 'early'],
      ]),
    );
    expect(errors).toEqual([
      { line: 7, reason: 'rejected with the rest of payment "P" (see line 8)' },
      { line: 8, reason: 'early' },
      { line: 9, reason: 'late' },
    ]);
  });
});
