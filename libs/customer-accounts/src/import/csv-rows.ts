import { ByteSource, toBuffer } from '@ledgerdesk/shared';
import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A longer row is refused and ends the file: most likely a quote that is never closed. */
export const MAX_ROW_BYTES = 1024 * 1024;

/** The columns a file takes, by header name; optional ones may be left out of the header. */
export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
  /** Optional columns that are given together or not at all. */
  together?: readonly (readonly string[])[];
}

export type CsvRow =
  | { line: number; fields: Record<string, string> }
  /** A row that could not be read; `fatal` ones end the file (the rest is not read). */
  | { line: number; problem: string; fatal?: true };

const SYNTAX_PROBLEMS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE:
    'a quoted field must end with its quote followed by a comma or the end of the line (write a quote inside a quoted field as "")',
  INVALID_OPENING_QUOTE:
    'a quote inside a field that is not quoted (quote the whole field and write the quote as "")',
  CSV_QUOTE_NOT_CLOSED: 'a quote opened here is never closed',
  CSV_MAX_RECORD_SIZE: `the row is longer than ${MAX_ROW_BYTES} bytes (is a quote not closed?)`,
};

const isBlank = (record: string[]): boolean => record.every((field) => field.trim() === '');

const newlinesIn = (record: string[]): number => {
  let count = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count += 1;
  }
  return count;
};

/**
 * Reads a CSV file (RFC 4180, UTF-8, a header row, LF or CRLF line ends) from a stream with
 * csv-parse, row by row, never holding more than a row. Rows come with the number of the line
 * they start on and their fields by column name (a column the header leaves out reads as '');
 * blank lines are skipped. A row with the wrong number of fields or bytes that are not UTF-8
 * is a problem of its own; a bad header or broken quoting is fatal: the rest of the input is
 * drained but not read, since row boundaries can no longer be trusted.
 */
export class CsvRowReader {
  private consumed = 0;

  constructor(
    private readonly columns: CsvColumns,
    private readonly maxRowBytes = MAX_ROW_BYTES,
  ) {}

  get bytesRead(): number {
    return this.consumed;
  }

  async *rows(source: ByteSource): AsyncGenerator<CsvRow> {
    let syntaxError: { code: string; recordsBefore: number } | undefined;
    const parser = parse({
      bom: true,
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_records_with_error: true,
      max_record_size: this.maxRowBytes,
      on_skip: (error: CsvError | undefined) => {
        syntaxError ??= { code: error?.code ?? 'CSV', recordsBefore: parser.info.records };
        return undefined;
      },
    });
    const feeding = pipeline(Readable.from(this.counted(source)), parser);
    feeding.catch(() => undefined); // awaited below; its error also ends the loop

    let header: string[] | undefined;
    let records = 0;
    let nextLine = 1;
    let stopped = false;
    const syntaxProblem = (line: number, code: string): CsvRow => {
      stopped = true;
      return {
        line,
        problem: `not valid CSV: ${SYNTAX_PROBLEMS[code] ?? code}; the rest of the file was not read`,
        fatal: true,
      };
    };

    for await (const record of parser as AsyncIterable<string[]>) {
      records += 1;
      const line = nextLine;
      nextLine = line + 1 + newlinesIn(record);
      if (stopped) continue;
      // The skipped record started where this one is counted from (records are contiguous).
      if (syntaxError && records > syntaxError.recordsBefore) {
        yield syntaxProblem(line, syntaxError.code);
        continue;
      }
      if (isBlank(record)) continue;
      if (!header) {
        header = record.map((name) => name.trim().toLowerCase());
        const problem = this.headerProblem(header);
        if (problem) {
          stopped = true;
          yield { line, problem: `header: ${problem}; the file was not read`, fatal: true };
        }
        continue;
      }
      if (record.length !== header.length) {
        yield { line, problem: `has ${record.length} fields, the header has ${header.length}` };
        continue;
      }
      if (record.some((field) => field.includes('\uFFFD'))) {
        yield { line, problem: 'is not valid UTF-8' };
        continue;
      }
      const fields: Record<string, string> = {};
      for (const column of this.columns.optional) fields[column] = '';
      for (let index = 0; index < header.length; index++) fields[header[index]] = record[index];
      yield { line, fields };
    }
    await feeding;
    if (syntaxError && !stopped) yield syntaxProblem(nextLine, syntaxError.code);
  }

  private headerProblem(header: string[]): string | undefined {
    const known = [...this.columns.required, ...this.columns.optional];
    const takes = `the file takes ${known.join(', ')}`;
    const unknown = header.filter((name) => !known.includes(name));
    if (unknown.length > 0)
      return `unknown column ${unknown.map((name) => JSON.stringify(name)).join(', ')} (${takes})`;
    const repeated = header.filter((name, index) => header.indexOf(name) !== index);
    if (repeated.length > 0) return `column ${JSON.stringify(repeated[0])} appears twice`;
    const missing = this.columns.required.filter((name) => !header.includes(name));
    if (missing.length > 0) return `missing column ${missing.join(', ')} (${takes})`;
    for (const group of this.columns.together ?? []) {
      const present = group.filter((name) => header.includes(name));
      if (present.length > 0 && present.length < group.length) {
        return `columns ${group.join(' and ')} go together (the header has only ${present.join(', ')})`;
      }
    }
    return undefined;
  }

  private async *counted(source: ByteSource): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      const buffer = toBuffer(chunk);
      this.consumed += buffer.length;
      yield buffer;
    }
  }
}
