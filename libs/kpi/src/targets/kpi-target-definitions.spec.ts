import { AgentKpis } from '../queries/kpi.queries';
import { isTargetKpi, KPI_TARGET_DEFINITIONS, meetsTarget, strictest } from './kpi-target-definitions';

describe('KPI target definitions', () => {
  it('meets an at-least target from the target up, an at-most target from the target down', () => {
    expect(meetsTarget('at_least', 0.7, 0.7)).toBe(true);
    expect(meetsTarget('at_least', 0.7, 0.69)).toBe(false);
    expect(meetsTarget('at_most', 3600, 3600)).toBe(true);
    expect(meetsTarget('at_most', 3600, 3601)).toBe(false);
  });

  it('says nothing (null) when the period has no figure', () => {
    expect(meetsTarget('at_least', 85, null)).toBeNull();
  });

  it('takes the strictest of several team overrides', () => {
    expect(strictest('at_least', [0.8, 0.9])).toBe(0.9);
    expect(strictest('at_most', [600, 480])).toBe(480);
  });

  it('knows the KPI names of the scorecard, and derives the reopen rate from reopens and resolved tickets', () => {
    expect(isTargetKpi('fcrRate')).toBe(true);
    expect(isTargetKpi('toString')).toBe(false);
    const agent = { resolved: 20, reopens: 1 } as AgentKpis;
    expect(KPI_TARGET_DEFINITIONS.reopenRate.figure(agent)).toBe(0.05);
    expect(KPI_TARGET_DEFINITIONS.reopenRate.figure({ resolved: 0, reopens: 1 } as AgentKpis)).toBeNull();
    expect(KPI_TARGET_DEFINITIONS.ahtSeconds.figure({ ahtSeconds: 420 } as AgentKpis)).toBe(420);
  });
});
