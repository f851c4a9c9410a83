/** Which document (an account, an invoice, a payment) a row belongs to. */
export interface DocumentKey {
  /** Identity within the file: the natural key, e.g. account number + invoice number. */
  key: string;
  /** How errors name the document: `invoice "INV-7" of account "ACC-1"`. */
  label: string;
}

export interface LineError {
  line: number;
  reason: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface RowGroup<T> {
  key: string;
  label: string;
  rows: { line: number; value: T }[];
  /** A row that could not be read came between the rows of this document. */
  interruptedAt?: number;
  /** The document had more rows than allowed (those were refused as they came). */
  overflowed?: boolean;
}

export type GroupEvent<T> = { group: RowGroup<T> } | { error: LineError };

/**
 * Collects the consecutive rows of each document. Rows of one document must be consecutive:
 * a row whose document already appeared earlier in the file (not right before it) is refused,
 * since what came before may already be imported. Keeps the key of every document seen, so a
 * file of a million documents costs some tens of MB here.
 */
export class ConsecutiveRows<T> {
  private current: RowGroup<T> | undefined;
  private gap: number | undefined;
  private readonly firstLines = new Map<string, number>();

  constructor(private readonly maxRows: number) {}

  /** Adds a row; returns the document it completed, if any, and a refusal of this row, if any. */
  add(line: number, document: DocumentKey, value: T): GroupEvent<T>[] {
    const current = this.current;
    if (current && current.key === document.key) {
      if (this.gap !== undefined) current.interruptedAt ??= this.gap;
      this.gap = undefined;
      if (current.rows.length >= this.maxRows) {
        current.overflowed = true;
        return [{ error: { line, reason: tooManyRows(current.label, this.maxRows) } }];
      }
      current.rows.push({ line, value });
      return [];
    }
    const events: GroupEvent<T>[] = current ? [{ group: current }] : [];
    this.current = undefined;
    this.gap = undefined;
    const first = this.firstLines.get(document.key);
    if (first !== undefined) {
      events.push({
        error: {
          line,
          reason: `${document.label} already appeared at line ${first}: the rows of one document must be consecutive`,
        },
      });
      return events;
    }
    this.firstLines.set(document.key, line);
    this.current = { key: document.key, label: document.label, rows: [{ line, value }] };
    return events;
  }

  /**
   * Notes a row that names no document (it could not be read). If the rows of the current
   * document go on after it, that document is refused: the row may have been one of its own.
   */
  skip(line: number): void {
    if (this.current) this.gap ??= line;
  }

  /** The last document, at the end of the file. */
  finish(): RowGroup<T> | undefined {
    const last = this.current;
    this.current = undefined;
    return last;
  }
}

export const tooManyRows = (label: string, maxRows: number): string =>
  `${label} has more than ${maxRows} rows`;

/**
 * The rows of a group when all of them are good; otherwise the refusal of every row: the bad
 * ones with their reason, the others with a pointer to the first bad one.
 */
export function rowsOf<T>(
  group: RowGroup<RowResult<T>>,
  maxRows: number,
): { ok: true; rows: { line: number; value: T }[] } | { ok: false; errors: LineError[] } {
  if (group.overflowed) {
    return {
      ok: false,
      errors: group.rows.map(({ line }) => ({ line, reason: tooManyRows(group.label, maxRows) })),
    };
  }
  if (group.interruptedAt !== undefined) {
    const reason = `${group.label} is interrupted by line ${group.interruptedAt}, which could not be read`;
    return { ok: false, errors: group.rows.map(({ line }) => ({ line, reason })) };
  }
  const culprits = new Map<number, string>();
  const rows: { line: number; value: T }[] = [];
  for (const { line, value } of group.rows) {
    if (value.ok) rows.push({ line, value: value.value });
    else culprits.set(line, value.reason);
  }
  if (culprits.size > 0) return { ok: false, errors: refuseGroup(group, culprits) };
  return { ok: true, rows };
}

/**
 * Refuses all rows of a document: each culprit with its reason, the others as rejected along
 * with it. Without culprits every row gets `reason`.
 */
export function refuseGroup(
  group: { label: string; rows: { line: number }[] },
  culprits: ReadonlyMap<number, string>,
): LineError[] {
  const [firstCulprit] = [...culprits.keys()].sort((a, b) => a - b);
  return group.rows.map(({ line }) => ({
    line,
    reason: culprits.get(line) ?? `rejected with the rest of ${group.label} (see line ${firstCulprit})`,
  }));
}
