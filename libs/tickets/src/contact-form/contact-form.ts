import { BILLING_CATEGORIES, BillingCategory } from '@ledgerdesk/contracts';
import { isEmail } from 'class-validator';
import { MAX_BODY_LENGTH } from '../create-ticket/create-ticket.dto';

export const CONTACT_FIELDS = ['name', 'email', 'subject', 'category', 'reference', 'message'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactValues = Record<ContactField, string>;

export interface ContactRequest {
  name: string | null;
  email: string;
  subject: string;
  category: BillingCategory;
  reference: string | null;
  message: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form's fields as typed (trimmed), whatever else was posted. */
export function contactValues(body: Record<string, unknown> | undefined): ContactValues {
  return Object.fromEntries(
    CONTACT_FIELDS.map((field) => [field, text(body?.[field]).trim()]),
  ) as ContactValues;
}

/** A chat has no subject field: its ticket is named after the first line of the first message. */
export function chatSubject(message: string): string {
  const firstLine = message.trim().split(/\r?\n/, 1)[0].trim();
  const words = firstLine.length > 80 ? `${firstLine.slice(0, 79).trimEnd()}…` : firstLine;
  return `Chat: ${words}`;
}

/** The request, or what is wrong with each field, in words for the customer. */
export function readContactForm(
  values: ContactValues,
): { ok: true; request: ContactRequest } | { ok: false; problems: Partial<Record<ContactField, string>> } {
  const problems: Partial<Record<ContactField, string>> = {};
  if (values.name.length > 200) problems.name = 'Please use at most 200 characters.';
  if (!values.email) problems.email = 'Please give the email address we should answer.';
  else if (values.email.length > 320 || !isEmail(values.email))
    problems.email = 'This is not an email address.';
  if (!values.subject) problems.subject = 'Please say in a few words what it is about.';
  else if (values.subject.length > 300) problems.subject = 'Please use at most 300 characters.';
  if (values.category && !(BILLING_CATEGORIES as readonly string[]).includes(values.category)) {
    problems.category = 'Please choose one of the topics.';
  }
  if (values.reference.length > 100) problems.reference = 'Please use at most 100 characters.';
  if (!values.message) problems.message = 'Please tell us how we can help.';
  else if (values.message.length > MAX_BODY_LENGTH) {
    problems.message = `Please use at most ${MAX_BODY_LENGTH.toLocaleString('en-US')} characters.`;
  }
  for (const field of CONTACT_FIELDS) {
    if (values[field].includes('\u0000')) problems[field] ??= 'This contains characters we cannot store.';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      name: values.name || null,
      email: values.email.toLowerCase(),
      subject: values.subject,
      category: (values.category || 'other') as BillingCategory,
      reference: values.reference || null,
      message: values.message,
    },
  };
}
