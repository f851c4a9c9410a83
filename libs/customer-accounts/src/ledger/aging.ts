export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past due → bucket. Not yet due (or due today) is `current`. */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}

/** The same boundaries as SQL, so aggregation can run in the database. */
export const AGING_BUCKET_SQL = (daysPastDue: string): string => `CASE
  WHEN ${daysPastDue} <= 0 THEN 'current'
  WHEN ${daysPastDue} <= 30 THEN '1-30'
  WHEN ${daysPastDue} <= 60 THEN '31-60'
  WHEN ${daysPastDue} <= 90 THEN '61-90'
  ELSE '90+' END`;
