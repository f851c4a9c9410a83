import { ConcurrentWrites } from './concurrent-writes';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrentWrites', () => {
  it('never runs more than its limit at a time and waits for all of them', async () => {
    const writes = new ConcurrentWrites(2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    for (let n = 0; n < 6; n++) {
      await writes.start(async () => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        done.push(n);
      });
    }
    await writes.settle();
    expect(most).toBe(2);
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports the first failure on the next start and on settle', async () => {
    const writes = new ConcurrentWrites(1);
    await writes.start(() => Promise.reject(new Error('batch failed')));
    await expect(writes.start(() => Promise.resolve())).rejects.toThrow('batch failed');
    await expect(writes.settle()).rejects.toThrow('batch failed');
  });
});
