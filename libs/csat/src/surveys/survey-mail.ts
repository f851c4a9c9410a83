import { escapeHtml as escape } from '@ledgerdesk/shared';

export const RATING_LABELS: Record<number, string> = {
  1: 'poor',
  2: 'fair',
  3: 'okay',
  4: 'good',
  5: 'excellent',
};

export interface SurveyMailInput {
  requesterName: string | null;
  ticketToken: string;
  ticketSubject: string;
  /** `PUBLIC_URL/csat/<token>` without the rating. */
  link: string;
}

const ratingLink = (link: string, rating: number): string => `${link}?rating=${rating}`;

/** The survey email: the question, then one link per rating (text and HTML parts). */
export function surveyMail(input: SurveyMailInput): { text: string; html: string } {
  const greeting = input.requesterName ? `Hello ${input.requesterName},` : 'Hello,';
  const intro = `Your request "${input.ticketSubject}" ${input.ticketToken} has been solved.`;
  const question = 'How did we do? Reply with a number from 1 (poor) to 5 (excellent), or click one:';
  const ratings = [1, 2, 3, 4, 5];
  const text = [
    greeting,
    '',
    intro,
    '',
    question,
    '',
    ...ratings.map((rating) => `  ${rating} (${RATING_LABELS[rating]}): ${ratingLink(input.link, rating)}`),
    '',
    'Thank you — the billing desk',
  ].join('\n');
  const html = [
    `<p>${escape(greeting)}</p>`,
    `<p>${escape(intro)}</p>`,
    `<p>${escape(question)}</p>`,
    '<p>',
    ...ratings.map(
      (rating) =>
        `<a href="${escape(ratingLink(input.link, rating))}" style="display:inline-block;padding:8px 12px;margin:2px;border:1px solid #888;border-radius:4px;text-decoration:none">${rating} – ${RATING_LABELS[rating]}</a>`,
    ),
    '</p>',
    '<p>Thank you — the billing desk</p>',
  ].join('\n');
  return { text, html };
}

/** The one clarification an unreadable survey reply gets. */
export function clarificationMail(input: SurveyMailInput): { text: string; html: string } {
  const text = [
    input.requesterName ? `Hello ${input.requesterName},` : 'Hello,',
    '',
    `Thanks for your reply — we added it to your request ${input.ticketToken}.`,
    'We could not read a rating in it. To rate us, reply with just a number from 1 (poor) to 5 (excellent), or click one:',
    '',
    ...[1, 2, 3, 4, 5].map(
      (rating) => `  ${rating} (${RATING_LABELS[rating]}): ${ratingLink(input.link, rating)}`,
    ),
    '',
    'If you still need help with it, reply to our last answer instead, and we will reopen your request.',
  ].join('\n');
  const html = text
    .split('\n')
    .map((line) => `<p>${escape(line)}</p>`)
    .join('\n');
  return { text, html };
}
