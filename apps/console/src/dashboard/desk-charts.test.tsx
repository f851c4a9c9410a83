import { cleanup, render, screen } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { DeskKpis } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { DeskCharts } from './desk-charts';

// jsdom has no layout: the charts get a fixed size instead of their container's.
vi.mock('recharts', async (original) => ({
  ...(await original<typeof import('recharts')>()),
  ResponsiveContainer: ({ children }: { children: ReactElement<{ width?: number; height?: number }> }) =>
    cloneElement(children, { width: 800, height: 200 }),
}));

afterEach(cleanup);

const FIGURES = { created: [], frtMedianSeconds: 600, csatScore: 80 } as unknown as DeskKpis;

describe('<DeskCharts>', () => {
  it('labels the days on the axes as people read them, not as "11-12"', async () => {
    const get = vi.fn(() => Promise.resolve(FIGURES));
    render(
      <WithSession session={testSession({ get })}>
        <DeskCharts from="2026-11-12" to="2026-11-14" />
      </WithSession>,
    );
    expect((await screen.findAllByText('12 Nov')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('14 Nov').length).toBeGreaterThan(0);
    expect(screen.queryByText('11-12')).toBeNull();
  });

  it("shows the API's refusal of a new period, naming the field, and not the previous charts", async () => {
    const refusal = new ApiError(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'A period is at most 1098 days',
      details: [{ field: 'to', problems: ['a period is at most 1098 days'] }],
    });
    const get = vi.fn((_path: string, query: { from: string; to: string }) =>
      query.from === '2023-01-01' ? Promise.reject(refusal) : Promise.resolve(FIGURES),
    );
    const { rerender } = render(
      <WithSession session={testSession({ get })}>
        <DeskCharts from="2026-11-25" to="2026-11-25" />
      </WithSession>,
    );
    expect((await screen.findAllByText('25 Nov')).length).toBeGreaterThan(0);
    rerender(
      <WithSession session={testSession({ get })}>
        <DeskCharts from="2023-01-01" to="2026-11-25" />
      </WithSession>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('to: a period is at most 1098 days');
    expect(document.querySelector('figure')).toBeNull();
  });

  it('names each chart and gives it at most one keyboard tab stop', async () => {
    const get = vi.fn(() =>
      Promise.resolve({ ...FIGURES, created: [{ channel: 'email', category: 'refund', count: 3 }] }),
    );
    render(
      <WithSession session={testSession({ get })}>
        <DeskCharts from="2026-11-12" to="2026-11-14" />
      </WithSession>,
    );
    await screen.findAllByText('12 Nov');
    const charts = screen.getAllByRole('application');
    expect(charts.map((chart) => chart.getAttribute('aria-label'))).toEqual([
      'Median first response in minutes, per day, 12 Nov to 14 Nov',
      'CSAT score, per day, 12 Nov to 14 Nov',
      'Tickets created by channel, 12 Nov to 14 Nov',
      'Tickets created by category, 12 Nov to 14 Nov',
    ]);
    for (const figure of document.querySelectorAll('figure')) {
      const stops = [...figure.querySelectorAll<HTMLElement | SVGElement>('[tabindex]')].filter(
        (element) => element.tabIndex >= 0,
      );
      expect(stops).toHaveLength(1);
      expect(stops[0].getAttribute('role')).toBe('application');
    }
    expect(document.querySelectorAll('g[tabindex]:not([tabindex="-1"])')).toHaveLength(0);
  });
});
