import { normalisedOpeningHours, openingHoursProblems } from './opening-hours';

describe('openingHoursProblems', () => {
  it('accepts a week with a lunch break and a day open until midnight', () => {
    expect(
      openingHoursProblems([
        { day: 'monday', opens: '09:00', closes: '12:30' },
        { day: 'monday', opens: '13:30', closes: '17:00' },
        { day: 'friday', opens: '18:00', closes: '24:00' },
      ]),
    ).toEqual([]);
  });

  it('accepts no hours at all (a closed desk)', () => {
    expect(openingHoursProblems([])).toEqual([]);
  });

  it('names an interval that closes when or before it opens', () => {
    expect(
      openingHoursProblems([
        { day: 'monday', opens: '09:00', closes: '17:00' },
        { day: 'tuesday', opens: '17:00', closes: '09:00' },
        { day: 'wednesday', opens: '10:00', closes: '10:00' },
      ]),
    ).toEqual([
      { field: 'hours.1.closes', problems: ['must be after opens (17:00)'] },
      { field: 'hours.2.closes', problems: ['must be after opens (10:00)'] },
    ]);
  });

  it('names the later of two overlapping intervals of a day, whatever their order in the request', () => {
    expect(
      openingHoursProblems([
        { day: 'thursday', opens: '12:00', closes: '18:00' },
        { day: 'monday', opens: '12:00', closes: '18:00' },
        { day: 'thursday', opens: '08:00', closes: '12:30' },
      ]),
    ).toEqual([{ field: 'hours.0.opens', problems: ['overlaps thursday 08:00–12:30'] }]);
  });

  it('lets intervals touch (one closes when the next opens)', () => {
    expect(
      openingHoursProblems([
        { day: 'monday', opens: '09:00', closes: '12:00' },
        { day: 'monday', opens: '12:00', closes: '17:00' },
      ]),
    ).toEqual([]);
  });
});

describe('normalisedOpeningHours', () => {
  it('sorts by weekday and time and merges touching intervals', () => {
    expect(
      normalisedOpeningHours([
        { day: 'sunday', opens: '10:00', closes: '14:00' },
        { day: 'monday', opens: '12:00', closes: '17:00' },
        { day: 'monday', opens: '09:00', closes: '12:00' },
        { day: 'monday', opens: '18:00', closes: '20:00' },
      ]),
    ).toEqual([
      { day: 'monday', opens: '09:00', closes: '17:00' },
      { day: 'monday', opens: '18:00', closes: '20:00' },
      { day: 'sunday', opens: '10:00', closes: '14:00' },
    ]);
  });
});
