/** Sorts table rows by one column; missing values (null, no denominator) always go last. */
export function sortRows<T>(rows: readonly T[], key: keyof T, descending: boolean): T[] {
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -order : order;
  });
}
