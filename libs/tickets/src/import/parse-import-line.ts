import { parseOffsetTimestamp } from '@ledgerdesk/shared';
import { isEmail } from 'class-validator';
import { MAX_BODY_LENGTH } from '../create-ticket/create-ticket.dto';
import { BILLING_CATEGORIES, CALL_DIRECTIONS, CHANNELS, oneOf, PRIORITIES } from '@ledgerdesk/contracts';
import { IMPORT_EVENT_TYPES, ImportEvent, ImportEventType, ImportedRequester } from './import-event';

export type ParsedImportLine = { ok: true; event: ImportEvent } | { ok: false; reason: string };

const MAX_KEY_LENGTH = 200;
const MAX_SUBJECT_LENGTH = 300;
const MAX_COMMENT_LENGTH = 10_000;
const TWELVE_HOURS = 12 * 60 * 60;
const PHONE = /^\+?[0-9 ().-]{5,30}$/;

/** The fields each type takes besides `id`, `type`, `ticket` and `at`. */
const TYPE_FIELDS: Record<ImportEventType, readonly string[]> = {
  'ticket.created': ['channel', 'subject', 'category', 'priority', 'requester', 'account'],
  'ticket.assigned': ['agent'],
  message: ['author', 'agent', 'visibility', 'body'],
  call: ['agent', 'direction', 'endedAt', 'holdSeconds', 'wrapUpSeconds'],
  work: ['agent', 'endedAt'],
  'ticket.solved': ['agent'],
  'ticket.reopened': [],
  'ticket.closed': [],
  csat: ['rating', 'comment'],
};
const COMMON_FIELDS = ['id', 'type', 'ticket', 'at'];
const REQUESTER_FIELDS = ['email', 'phone', 'name'];

class LineRejected extends Error {}

const reject = (reason: string): never => {
  throw new LineRejected(reason);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the fields of one JSON object; absent and `null` both count as missing. */
class Fields {
  constructor(
    private readonly record: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  has(field: string): boolean {
    return this.record[field] !== undefined && this.record[field] !== null;
  }

  onlyThese(allowed: readonly string[], owner: string): void {
    const unknown = Object.keys(this.record).filter((field) => !allowed.includes(field));
    if (unknown.length > 0) {
      const takes = allowed.length ? `takes ${allowed.join(', ')}` : 'takes no other fields';
      reject(`unknown field${unknown.length > 1 ? 's' : ''} ${this.names(unknown)} (${owner} ${takes})`);
    }
  }

  text(field: string, maxLength: number, options: { blank: boolean } = { blank: false }): string {
    const value = this.required(field);
    if (typeof value !== 'string') return reject(`${this.prefix}${field} must be a string`);
    if (!options.blank && value.trim() === '') return reject(`${this.prefix}${field} must not be blank`);
    if (value.length > maxLength)
      return reject(`${this.prefix}${field} is longer than ${maxLength} characters`);
    // PostgreSQL text cannot hold NUL; refusing it here keeps it from failing a whole batch.
    if (value.includes('\u0000')) return reject(`${this.prefix}${field} contains a NUL character (\\u0000)`);
    return value;
  }

  optionalText(field: string, maxLength: number, options = { blank: false }): string | undefined {
    return this.has(field) ? this.text(field, maxLength, options) : undefined;
  }

  choice<T extends string>(field: string, values: readonly T[]): T {
    const value = this.required(field);
    if (typeof value !== 'string' || !values.includes(value as T)) {
      return reject(`${this.prefix}${field} must be one of ${oneOf(values)} (got ${JSON.stringify(value)})`);
    }
    return value as T;
  }

  optionalChoice<T extends string>(field: string, values: readonly T[]): T | undefined {
    return this.has(field) ? this.choice(field, values) : undefined;
  }

  integer(field: string, min: number, max: number): number {
    const value = this.required(field);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return reject(
        `${this.prefix}${field} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`,
      );
    }
    return value;
  }

  timestamp(field: string): { iso: string; ms: number } {
    const value = this.required(field);
    if (typeof value !== 'string')
      return reject(`${this.prefix}${field} must be an ISO 8601 timestamp string`);
    const parsed = parseOffsetTimestamp(value);
    if (!parsed.ok) return reject(`${this.prefix}${field} ${JSON.stringify(value)} ${parsed.problem}`);
    return parsed;
  }

  nested(field: string): Fields {
    const value = this.required(field);
    if (!isRecord(value)) return reject(`${this.prefix}${field} must be an object`);
    return new Fields(value, `${this.prefix}${field}.`);
  }

  private required(field: string): unknown {
    if (!this.has(field)) reject(`missing field ${this.prefix}${field}`);
    return this.record[field];
  }

  private names(fields: string[]): string {
    return fields.map((field) => `"${this.prefix}${field}"`).join(', ');
  }
}

function parseRequester(fields: Fields): ImportedRequester {
  const requester = fields.nested('requester');
  requester.onlyThese(REQUESTER_FIELDS, 'requester');
  const email = requester.optionalText('email', 320);
  if (email !== undefined && !isEmail(email)) reject(`requester.email must be an email address`);
  const phone = requester.optionalText('phone', 30);
  if (phone !== undefined && !PHONE.test(phone)) reject(`requester.phone must be a phone number`);
  const name = requester.optionalText('name', 200);
  if (email === undefined && phone === undefined && name === undefined) {
    reject('requester needs at least one of email, phone, name');
  }
  return {
    ...(email !== undefined ? { email: email.trim().toLowerCase() } : {}),
    ...(phone !== undefined ? { phone: phone.trim() } : {}),
    ...(name !== undefined ? { name: name.trim() } : {}),
  };
}

function parseEvent(record: Record<string, unknown>): ImportEvent {
  const fields = new Fields(record);
  const id = fields.text('id', MAX_KEY_LENGTH);
  if (!fields.has('type')) reject('missing field type');
  const type = record.type as ImportEventType;
  if (!IMPORT_EVENT_TYPES.includes(type)) {
    reject(`unknown type ${JSON.stringify(record.type)} (expected one of ${oneOf(IMPORT_EVENT_TYPES)})`);
  }
  const ticket = fields.text('ticket', MAX_KEY_LENGTH);
  const started = fields.timestamp('at');
  fields.onlyThese([...COMMON_FIELDS, ...TYPE_FIELDS[type]], type);
  const base = { id, ticket, at: started.iso };
  const agent = (): string => fields.text('agent', 320).trim();

  switch (type) {
    case 'ticket.created':
      return {
        ...base,
        type,
        channel: fields.choice('channel', CHANNELS),
        subject: fields.text('subject', MAX_SUBJECT_LENGTH).trim(),
        category: fields.optionalChoice('category', BILLING_CATEGORIES) ?? 'other',
        priority: fields.optionalChoice('priority', PRIORITIES) ?? 'normal',
        ...(fields.has('requester') ? { requester: parseRequester(fields) } : {}),
        ...(fields.has('account') ? { account: fields.text('account', MAX_KEY_LENGTH).trim() } : {}),
      };
    case 'ticket.assigned':
    case 'ticket.solved':
      return { ...base, type, agent: agent() };
    case 'ticket.reopened':
    case 'ticket.closed':
      return { ...base, type };
    case 'message': {
      const author = fields.choice('author', ['customer', 'agent'] as const);
      const visibility = fields.choice('visibility', ['public', 'internal'] as const);
      const body = fields.optionalText('body', MAX_BODY_LENGTH, { blank: true });
      const withBody = body !== undefined ? { body } : {};
      if (author === 'agent') return { ...base, type, author, agent: agent(), visibility, ...withBody };
      if (fields.has('agent')) reject('agent is only given when author is agent');
      if (visibility === 'internal') reject('a customer message cannot be internal (visibility public)');
      return { ...base, type, author, visibility: 'public', ...withBody };
    }
    case 'call': {
      const agentEmail = agent();
      const direction = fields.choice('direction', CALL_DIRECTIONS);
      const ended = fields.timestamp('endedAt');
      const holdSeconds = fields.has('holdSeconds') ? fields.integer('holdSeconds', 0, TWELVE_HOURS) : 0;
      const wrapUpSeconds = fields.has('wrapUpSeconds')
        ? fields.integer('wrapUpSeconds', 0, TWELVE_HOURS)
        : 0;
      if (ended.ms < started.ms) reject('endedAt is before at (the call cannot end before it starts)');
      if (holdSeconds * 1000 > ended.ms - started.ms) {
        reject('holdSeconds is longer than the call (hold is part of the call, from at to endedAt)');
      }
      return { ...base, type, agent: agentEmail, direction, endedAt: ended.iso, holdSeconds, wrapUpSeconds };
    }
    case 'work': {
      const agentEmail = agent();
      const ended = fields.timestamp('endedAt');
      if (ended.ms < started.ms)
        reject('endedAt is before at (the work session cannot end before it starts)');
      return { ...base, type, agent: agentEmail, endedAt: ended.iso };
    }
    case 'csat': {
      const rating = fields.integer('rating', 1, 5);
      const comment = fields.optionalText('comment', MAX_COMMENT_LENGTH, { blank: true });
      return { ...base, type, rating, ...(comment !== undefined ? { comment } : {}) };
    }
  }
}

/**
 * Validates one line of a history file (NDJSON: one event per line) without touching the
 * database; agents are checked later, against the agents that exist. Pure.
 */
export function parseImportLine(text: string): ParsedImportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${(error as Error).message}` };
  }
  if (!isRecord(value)) return { ok: false, reason: 'a line must be one JSON object' };
  try {
    return { ok: true, event: parseEvent(value) };
  } catch (error) {
    if (error instanceof LineRejected) return { ok: false, reason: error.message };
    throw error;
  }
}
