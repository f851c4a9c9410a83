import { isCurrencyCode, lineAmount, minorUnits } from './money';

describe('money', () => {
  it('multiplies decimal quantities by minor-unit prices without float error', () => {
    expect(lineAmount('3', 1999)).toBe(5997);
    expect(lineAmount('1.5', 333)).toBe(500); // 499.5 rounds half away from zero
    expect(lineAmount('0.1', 3)).toBe(0); // 0.3 rounds down
    expect(lineAmount('2.25', -1000)).toBe(-2250); // a discount line
    expect(lineAmount('0.0005', 1000)).toBe(1); // 0.5 rounds up
  });

  it('refuses quantities with more than four decimals', () => {
    expect(() => lineAmount('1.23456', 100)).toThrow(/at most 4 places/);
  });

  it('has no amount for a line beyond the largest amount taken, instead of failing', () => {
    expect(lineAmount('9999999999', 10_000_000_000_000)).toBeUndefined();
    expect(lineAmount('1.0001', -10_000_000_000_000)).toBeUndefined();
    expect(lineAmount('1', 10_000_000_000_000)).toBe(10_000_000_000_000);
    expect(lineAmount('1', -10_000_000_000_000)).toBe(-10_000_000_000_000);
  });

  it('knows ISO 4217 codes', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
  });

  it('reads PostgreSQL bigint strings', () => {
    expect(minorUnits('12000')).toBe(12000);
    expect(() => minorUnits('9007199254740993')).toThrow(/safe integer/);
  });
});
