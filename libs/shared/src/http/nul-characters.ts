import { BadRequestException } from '@nestjs/common';

const NUL = '\u0000';
const PROBLEM = 'must not contain NUL characters (\\u0000)';

/** The fields (dotted paths, `lines.0.description`) of a request body whose text holds a NUL. */
function fieldsWithNul(value: unknown, path: string, found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => fieldsWithNul(item, path ? `${path}.${index}` : String(index), found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      fieldsWithNul(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/**
 * PostgreSQL text cannot hold NUL: a value with one would fail its INSERT as a 500. Refused up
 * front instead, as a 400 naming each field (the history import says the same per line).
 */
export function assertNoNulCharacters(value: unknown): void {
  const fields = fieldsWithNul(value, '', []);
  if (fields.length === 0) return;
  throw new BadRequestException({
    message: fields.map((field) => `${field} ${PROBLEM}`).join('; '),
    details: fields.map((field) => ({ field, problems: [PROBLEM] })),
  });
}
