import { describe, expect, it } from 'vitest';
import { formatTarget, targetUnit } from './target-units';

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

  it('keeps the CSAT score as it is', () => {
    expect(formatTarget('csatScore', 'at_least', 85)).toBe('≥ 85 of 100');
  });
});
