import { CoalescedTask } from './coalesced-task';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('CoalescedTask', () => {
  it('runs the first request at once', async () => {
    let runs = 0;
    const task = new CoalescedTask(
      1000,
      () => {
        runs += 1;
        return Promise.resolve();
      },
      () => undefined,
    );
    task.request();
    await sleep(10);
    expect(runs).toBe(1);
    task.stop();
  });

  it('collapses a burst of requests into at most one run per interval, the last one after the burst', async () => {
    const starts: number[] = [];
    const task = new CoalescedTask(
      100,
      async () => {
        starts.push(Date.now());
        await sleep(20);
      },
      () => undefined,
    );
    const burstStart = Date.now();
    while (Date.now() - burstStart < 350) {
      task.request();
      await sleep(2);
    }
    await sleep(250);
    task.stop();
    // 350 ms of requests: a run at 0, 100, 200, 300 and one trailing run for the last requests.
    expect(starts.length).toBeGreaterThanOrEqual(4);
    expect(starts.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(99);
    expect(starts[starts.length - 1]).toBeGreaterThanOrEqual(burstStart + 300);
  });

  it('never runs twice at the same time and keeps running after a failure', async () => {
    let concurrent = 0;
    let most = 0;
    let runs = 0;
    const errors: string[] = [];
    const task = new CoalescedTask(
      0,
      async () => {
        concurrent += 1;
        most = Math.max(most, concurrent);
        runs += 1;
        await sleep(30);
        concurrent -= 1;
        if (runs === 1) throw new Error('first run fails');
      },
      (error) => errors.push(error.message),
    );
    task.request();
    task.request();
    task.request();
    await sleep(120);
    task.stop();
    expect(most).toBe(1);
    expect(runs).toBe(2);
    expect(errors).toEqual(['first run fails']);
  });
});
