import { NumberedImportEvent } from './import-event';
import { laneOf } from './import-lanes';
import { WriterLanes } from './writer-lanes';

const line = (number: number, ticket: string): NumberedImportEvent => ({
  line: number,
  event: { id: `e${number}`, ticket, at: '2025-03-01T09:00:00.000Z', type: 'ticket.closed' },
});

/** Two ticket keys that hash to different lanes of two. */
const [A, B] = ((): [string, string] => {
  const keys = Array.from({ length: 20 }, (_, n) => `T${n}`);
  const first = keys.find((key) => laneOf(key, 2) === 0)!;
  const second = keys.find((key) => laneOf(key, 2) === 1)!;
  return [first, second];
})();

describe('WriterLanes', () => {
  it("writes a lane's batch when it is full, keeps each ticket in one lane, and knows what is written", async () => {
    const written: number[][] = [];
    const pending: (() => void)[] = [];
    const lanes = new WriterLanes(2, 2, (batch) => {
      written.push(batch.map((entry) => entry.line));
      return new Promise<void>((resolve) => pending.push(resolve));
    });

    expect(await lanes.add(line(1, A))).toBe(false);
    expect(await lanes.add(line(2, B))).toBe(false);
    expect(lanes.writtenThrough()).toBe(0);
    expect(await lanes.add(line(3, A))).toBe(true);
    expect(written).toEqual([[1, 3]]);
    // Line 1 is being written, line 2 still waits in B's batch.
    expect(lanes.writtenThrough()).toBe(0);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lanes.writtenThrough()).toBe(1);

    await lanes.flushAll();
    expect(written).toEqual([[1, 3], [2]]);
    pending.shift()!();
    await lanes.settle();
    expect(lanes.writtenThrough()).toBe(Infinity);
  });

  it('stops taking lines once a write failed', async () => {
    const lanes = new WriterLanes(2, 1, () => Promise.reject(new Error('disk full')));
    await lanes.add(line(1, A));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(lanes.add(line(2, B))).rejects.toThrow('disk full');
    const outcomes = await lanes.settle();
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
  });
});
