import { describe, expect, it } from 'vitest';
import {
  callClock,
  callPayload,
  callTransition,
  idleCall,
  InvalidCallTransition,
  type CallTimerEvent,
} from './call-timer';

const T0 = Date.parse('2026-11-25T09:30:00Z');
const at = (seconds: number) => T0 + seconds * 1000;

function run(steps: [CallTimerEvent, number][]) {
  return steps.reduce((state, [event, seconds]) => callTransition(state, event, at(seconds)), idleCall);
}

describe('call timer', () => {
  it('posts the real start and end, the hold inside the call and the wrap-up after it', () => {
    const done = run([
      ['start', 0],
      ['hold', 60],
      ['resume', 90],
      ['hold', 200],
      ['resume', 215],
      ['end', 300],
      ['finish', 345],
    ]);
    expect(callPayload(done)).toEqual({
      startedAt: '2026-11-25T09:30:00.000Z',
      endedAt: '2026-11-25T09:35:00.000Z',
      holdSeconds: 45,
      wrapUpSeconds: 45,
    });
  });

  it('closes a running hold when the call ends on hold', () => {
    const done = run([
      ['start', 0],
      ['hold', 100],
      ['end', 130],
      ['finish', 130],
    ]);
    expect(callPayload(done)).toMatchObject({ holdSeconds: 30, wrapUpSeconds: 0 });
  });

  it('shows the running call, hold and wrap-up clocks', () => {
    const onHold = run([
      ['start', 0],
      ['hold', 10],
    ]);
    expect(callClock(onHold, at(25))).toEqual({ talkMs: 25_000, holdMs: 15_000, wrapUpMs: 0 });
    const wrapping = callTransition(onHold, 'end', at(40));
    expect(callClock(wrapping, at(70))).toEqual({ talkMs: 40_000, holdMs: 30_000, wrapUpMs: 30_000 });
  });

  it('refuses events that make no sense in the current phase', () => {
    expect(() => callTransition(idleCall, 'hold', at(0))).toThrow(InvalidCallTransition);
    const talking = callTransition(idleCall, 'start', at(0));
    expect(() => callTransition(talking, 'resume', at(1))).toThrow('cannot resume a call that is talking');
    expect(() => callTransition(talking, 'finish', at(1))).toThrow(InvalidCallTransition);
  });

  it('has no payload before the wrap-up is finished', () => {
    expect(() =>
      callPayload(
        run([
          ['start', 0],
          ['end', 10],
        ]),
      ),
    ).toThrow('not finished');
  });
});
