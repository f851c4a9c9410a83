import { SettledTickets } from './settled-tickets';

describe('SettledTickets', () => {
  it('gives a ticket once no line of it came in the last quietLines lines', () => {
    const settled = new SettledTickets(3);
    settled.saw('A', 1);
    settled.saw('B', 2);
    settled.saw('A', 3);
    expect(settled.take(4)).toEqual([]);
    expect(settled.take(5)).toEqual(['B']);
    expect(settled.take(6)).toEqual(['A']);
    expect(settled.take(100)).toEqual([]);
  });

  it('gives a ticket again when a later line is seen after it was taken', () => {
    const settled = new SettledTickets(2);
    settled.saw('A', 1);
    expect(settled.take(3)).toEqual(['A']);
    settled.saw('A', 10);
    expect(settled.take(11)).toEqual([]);
    expect(settled.take(12)).toEqual(['A']);
  });

  it('holds a quiet ticket back while a line of it may still be uncommitted', () => {
    const settled = new SettledTickets(2);
    settled.saw('A', 1);
    settled.saw('B', 5);
    expect(settled.take(10, 3)).toEqual(['A']);
    expect(settled.take(10, 4)).toEqual([]);
    expect(settled.take(10, 10)).toEqual(['B']);
  });

  it('keeps working across its internal compaction', () => {
    const settled = new SettledTickets(10);
    const taken: string[] = [];
    for (let line = 1; line <= 200_000; line += 1) {
      settled.saw(`T${Math.floor(line / 5)}`, line);
      if (line % 1000 === 0) taken.push(...settled.take(line));
    }
    taken.push(...settled.take(Number.MAX_SAFE_INTEGER));
    expect(taken).toHaveLength(new Set(taken).size);
    expect(taken).toHaveLength(40_001);
  });
});
