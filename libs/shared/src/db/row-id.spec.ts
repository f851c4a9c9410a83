import { newRowId } from './row-id';

describe('newRowId', () => {
  it('makes version 7 UUIDs', () => {
    expect(newRowId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes ids that sort in the order they were made, as PostgreSQL compares uuids (bytewise)', () => {
    const ids = Array.from({ length: 1000 }, () => newRowId());
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });
});
