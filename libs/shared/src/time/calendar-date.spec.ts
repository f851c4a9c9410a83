import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCalendarDate } from './calendar-date';

class Period {
  @IsCalendarDate('2026-11-01')
  from!: string;
}

const problems = (from: unknown): string[] =>
  validateSync(plainToInstance(Period, { from })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsCalendarDate', () => {
  it('accepts a real day, leap days included', () => {
    expect(problems('2026-11-01')).toEqual([]);
    expect(problems('2028-02-29')).toEqual([]);
  });

  it('refuses a day that does not exist, naming the field', () => {
    expect(problems('2026-02-30')).toEqual(['from must be a real calendar date']);
    expect(problems('2026-02-29')).toEqual(['from must be a real calendar date']);
  });

  it('refuses other shapes with an example', () => {
    expect(problems('2026-1-5')).toContain('from must be a date like 2026-11-01');
    expect(problems('2026-11-01T00:00:00Z')).toContain('from must be a date like 2026-11-01');
    expect(problems(20261101)).toContain('from must be a date like 2026-11-01');
  });
});
