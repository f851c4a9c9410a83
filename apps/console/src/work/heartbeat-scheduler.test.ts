import { describe, expect, it } from 'vitest';
import { HeartbeatScheduler } from './heartbeat-scheduler';

const config = { intervalMs: 30_000, idleMs: 120_000 };
const working = { visible: true, focused: true };

describe('work-session heartbeat scheduler', () => {
  it('beats at once when the ticket opens in a focused tab, then every interval', () => {
    const scheduler = new HeartbeatScheduler(0, working, config);
    expect(scheduler.tick(0)).toBe('beat');
    expect(scheduler.tick(5_000)).toBeNull();
    expect(scheduler.input(29_000)).toBeNull();
    expect(scheduler.tick(30_000)).toBe('beat');
    expect(scheduler.tick(59_999)).toBeNull();
    expect(scheduler.tick(60_000)).toBe('beat');
  });

  it('stops after two minutes without input and resumes with the next input', () => {
    const scheduler = new HeartbeatScheduler(0, working, config);
    scheduler.tick(0);
    expect(scheduler.tick(119_000)).toBe('beat');
    expect(scheduler.tick(120_000)).toBe('stop');
    expect(scheduler.tick(150_000)).toBeNull();
    expect(scheduler.active).toBe(false);
    expect(scheduler.input(200_000)).toBe('beat');
    expect(scheduler.active).toBe(true);
  });

  it('stops when the tab is hidden and starts again when it is shown', () => {
    const scheduler = new HeartbeatScheduler(0, working, config);
    scheduler.tick(0);
    expect(scheduler.visibility(false, 10_000)).toBe('stop');
    expect(scheduler.input(11_000)).toBeNull();
    expect(scheduler.tick(40_000)).toBeNull();
    expect(scheduler.visibility(true, 50_000)).toBe('beat');
  });

  it('stops when the window loses focus', () => {
    const scheduler = new HeartbeatScheduler(0, working, config);
    scheduler.tick(0);
    expect(scheduler.focus(false, 5_000)).toBe('stop');
    expect(scheduler.focus(true, 6_000)).toBe('beat');
  });

  it('never beats in a background tab', () => {
    const scheduler = new HeartbeatScheduler(0, { visible: false, focused: false }, config);
    expect(scheduler.tick(0)).toBeNull();
    expect(scheduler.input(1_000)).toBeNull();
  });

  it('stops an open session when the agent leaves the ticket, once', () => {
    const scheduler = new HeartbeatScheduler(0, working, config);
    scheduler.tick(0);
    expect(scheduler.leave()).toBe('stop');
    expect(scheduler.leave()).toBeNull();
    expect(scheduler.input(1_000)).toBeNull();
  });

  it('sends nothing on leave when no session is open', () => {
    const scheduler = new HeartbeatScheduler(0, { visible: false, focused: true }, config);
    expect(scheduler.leave()).toBeNull();
  });
});
