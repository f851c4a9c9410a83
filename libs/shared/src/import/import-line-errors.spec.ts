import { ImportLineErrors } from './import-line-errors';

describe('ImportLineErrors', () => {
  it('lists the lowest line numbers, in line order, whatever order they were reported in', () => {
    const errors = new ImportLineErrors(3);
    for (const line of [40, 7, 12, 3, 99, 5]) errors.add(line, `bad line ${line}`);
    expect(errors.list()).toEqual([
      { line: 3, reason: 'bad line 3' },
      { line: 5, reason: 'bad line 5' },
      { line: 7, reason: 'bad line 7' },
    ]);
    expect(errors.count).toBe(6);
    expect(errors.notListed).toBe(3);
  });

  it('counts without listing when nothing may be listed', () => {
    const errors = new ImportLineErrors(0);
    errors.add(1, 'bad');
    expect(errors.list()).toEqual([]);
    expect(errors.notListed).toBe(1);
  });
});
