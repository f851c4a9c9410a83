import { laneOf } from './import-lanes';

describe('laneOf', () => {
  it('always puts one ticket key in the same lane', () => {
    expect(laneOf('T-1042', 3)).toBe(laneOf('T-1042', 3));
    expect(laneOf('ünïcødé-☃', 5)).toBe(laneOf('ünïcødé-☃', 5));
  });

  it('spreads keys evenly over the lanes', () => {
    const counts = [0, 0, 0];
    for (let n = 0; n < 30_000; n++) counts[laneOf(`ticket-${n}`, 3)] += 1;
    for (const count of counts) expect(count).toBeGreaterThan(9_000);
    expect(counts.reduce((a, b) => a + b)).toBe(30_000);
  });
});
