import { describe, expect, it } from 'vitest';
import { formatTarget, parseTarget, targetUnit } from './target-units';

describe('KPI target units', () => {
  it('shows fractions as percent and enters percent back as the fraction the API stores', () => {
    const unit = targetUnit('fcrRate');
    expect(unit.toDisplay(0.7)).toBe(70);
    expect(unit.fromDisplay(72.5)).toBe(0.725);
    expect(unit.fromDisplay(unit.toDisplay(0.05))).toBe(0.05);
    expect(formatTarget('reopenRate', 'at_most', 0.05)).toBe('≤ 5 %');
  });

  it('shows durations in minutes and sends whole seconds', () => {
    const unit = targetUnit('ahtSeconds');
    expect(unit.toDisplay(600)).toBe(10);
    expect(unit.fromDisplay(2.5)).toBe(150);
    expect(formatTarget('ahtSeconds', 'at_most', 600)).toBe('≤ 10 min');
    expect(formatTarget('frtMedianSeconds', 'at_most', 3600)).toBe('≤ 1 h');
    expect(formatTarget('resolutionMedianSeconds', 'at_most', 86_400)).toBe('≤ 24 h');
    expect(formatTarget('frtMedianSeconds', 'at_most', 5400)).toBe('≤ 90 min');
  });

  it('reads a typed target in its unit and says what to enter when it is out of range', () => {
    const fcr = { kpi: 'fcrRate', direction: 'at_least', min: 0, max: 1 } as const;
    expect(parseTarget('72,5', fcr)).toEqual({ value: 0.725 });
    expect(parseTarget('150', fcr)).toEqual({ error: 'Enter a percentage from 0 to 100' });
    expect(parseTarget('', fcr)).toEqual({ error: 'Enter a percentage from 0 to 100' });
    const aht = { kpi: 'ahtSeconds', direction: 'at_most', min: 1, max: 86_400 } as const;
    expect(parseTarget('2.5', aht)).toEqual({ value: 150 });
    expect(parseTarget('0', aht)).toEqual({ error: 'Enter a number of minutes from 0.02 to 1440' });
    const csat = { kpi: 'csatScore', direction: 'at_least', min: 0, max: 100 } as const;
    expect(parseTarget('101', csat)).toEqual({ error: 'Enter a score from 0 to 100' });
  });

  it('keeps the CSAT score as it is', () => {
    expect(formatTarget('csatScore', 'at_least', 85)).toBe('≥ 85 of 100');
  });
});
