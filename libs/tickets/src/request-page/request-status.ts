import { TicketStatus } from '@ledgerdesk/contracts';

/** The status in the customer's words: what happens next. */
export function statusLine(conversation: {
  status: TicketStatus;
  reopenable: boolean;
  channel: string;
}): string {
  switch (conversation.status) {
    case 'new':
    case 'open':
      return conversation.channel === 'chat'
        ? 'Open: an agent answers here. If you leave, we send our answer to your email address.'
        : 'Open: we are working on it and will answer by email.';
    case 'pending':
      return 'Waiting for your answer: please reply below or to our email.';
    case 'on_hold':
      return 'On hold: we are waiting for someone else and will come back to you.';
    case 'solved':
      return conversation.reopenable
        ? 'Solved. If it is not, add a message below and we will reopen it.'
        : 'Solved.';
    case 'closed':
      return 'Closed.';
  }
}
