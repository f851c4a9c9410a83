import { spreadsheetSafe } from '@ledgerdesk/shared';
import { stringify } from 'csv-stringify/sync';
import { TicketView } from '../ticket.view';

const iso = (at: Date | null): string => (at ? at.toISOString() : '');
const text = (value: string | null | undefined): string => spreadsheetSafe(value ?? '');

/** The export's columns: a name, and the cell of a ticket. Times in UTC (ISO 8601). */
const COLUMNS: [string, (ticket: TicketView) => string | number][] = [
  ['number', (t) => t.number],
  ['subject', (t) => text(t.subject)],
  ['status', (t) => t.status],
  ['priority', (t) => t.priority],
  ['category', (t) => t.category],
  ['channel', (t) => t.channel],
  ['requester_name', (t) => text(t.requester.name)],
  ['requester_email', (t) => text(t.requester.email)],
  ['requester_phone', (t) => text(t.requester.phone)],
  ['account_id', (t) => t.accountId ?? ''],
  ['assignee', (t) => text(t.assignee?.name)],
  ['team', (t) => text(t.team?.name)],
  ['tags', (t) => text(t.tags.join(' '))],
  ['created_at', (t) => iso(t.createdAt)],
  ['updated_at', (t) => iso(t.updatedAt)],
  ['solved_at', (t) => iso(t.solvedAt)],
  ['closed_at', (t) => iso(t.closedAt)],
  ['first_response_due_at', (t) => iso(t.sla.firstResponse.dueAt)],
  ['first_response_sla', (t) => t.sla.firstResponse.state],
  ['resolution_due_at', (t) => iso(t.sla.resolution.dueAt)],
  ['resolution_sla', (t) => t.sla.resolution.state],
];

/**
 * A ticket export as CSV text, chunk by chunk: the header, then the tickets as they are read
 * (text a spreadsheet would run as a formula is quoted). `ended` hears how many tickets went out
 * and whether all did, when the reader finishes or stops.
 */
export async function* ticketsCsv(
  chunks: AsyncIterable<readonly TicketView[]>,
  ended: (exported: number, complete: boolean) => void,
): AsyncGenerator<string> {
  let exported = 0;
  let complete = false;
  try {
    yield stringify([COLUMNS.map(([name]) => name)]);
    for await (const tickets of chunks) {
      exported += tickets.length;
      yield stringify(tickets.map((ticket) => COLUMNS.map(([, cell]) => cell(ticket))));
    }
    complete = true;
  } finally {
    ended(exported, complete);
  }
}
