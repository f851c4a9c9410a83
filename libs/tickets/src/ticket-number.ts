/** `LD-1042` ⇄ 1042. The prefix is configurable (TICKET_NUMBER_PREFIX). */
export function formatTicketNumber(prefix: string, number: string | number): string {
  return `${prefix}-${number}`;
}

export function parseTicketNumber(text: string): number | undefined {
  const match = /^\s*(?:[A-Za-z]{1,6}-)?(\d{1,15})\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}
