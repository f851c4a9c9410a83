import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** One line of a history file, as the source desk would write it. */
export type HistoryLine = Record<string, unknown>;

/** A history file body: one JSON event per line. */
export const ndjson = (lines: (HistoryLine | string)[]): string =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

/** A prefix that keeps this test's ticket keys and event ids apart from every other test's. */
export const uniquePrefix = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;

/** `2025-03-01T09:00:00Z` plus `minutes`, written with a +01:00 offset like a European desk. */
export function minutesAfterNine(minutes: number): string {
  const moment = new Date(Date.UTC(2025, 2, 1, 9, minutes));
  const local = new Date(moment.getTime() + 60 * 60 * 1000).toISOString().slice(0, 19);
  return `${local}+01:00`;
}

export interface ImportedTicketRow {
  id: string;
  number: string;
  external_key: string;
  subject: string;
  channel: string;
  category: string;
  priority: string;
  status: string;
  requester_email: string | null;
  requester_phone: string | null;
  requester_name: string | null;
  assignee_id: string | null;
  created_at: Date;
  updated_at: Date;
  solved_at: Date | null;
  closed_at: Date | null;
}

export async function ticketByKey(
  dataSource: DataSource,
  key: string,
): Promise<ImportedTicketRow | undefined> {
  const rows: ImportedTicketRow[] = await dataSource.query(`SELECT * FROM tickets WHERE external_key = $1`, [
    key,
  ]);
  return rows[0];
}

/** The part of a ticket its history determines (no id, number or key). */
export function projectedState(ticket: ImportedTicketRow | undefined): Partial<ImportedTicketRow> {
  if (!ticket) throw new Error('ticket not found');
  const { id: _id, number: _number, external_key: _key, ...state } = ticket;
  return state;
}
