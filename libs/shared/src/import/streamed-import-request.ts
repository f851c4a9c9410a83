import { HttpStatus, UnsupportedMediaTypeException } from '@nestjs/common';
import { ByteSource, isByteStream } from './byte-source';

/** The parts of a Fastify request and reply a streamed-import route uses. */
export interface StreamedImportRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface StatusReply {
  status(code: number): unknown;
}

/** A 422 answer: the API's error shape plus the whole report, so a client reads the counts either way. */
export type ImportRejection<Report extends { errors: unknown }> = Report & {
  statusCode: number;
  error: string;
  message: string;
  details: Report['errors'];
};

/**
 * The streamed body of an import request, after checking its content type (a 415 that says
 * what to send, built by `wrongType`). Other content never reaches the streaming parser.
 */
export function streamedBody(
  request: StreamedImportRequest,
  contentType: string,
  wrongType: (sent: string) => string,
): ByteSource {
  const sent = request.headers['content-type'];
  const type = typeof sent === 'string' ? sent.split(';')[0].trim().toLowerCase() : undefined;
  if (type !== contentType)
    throw new UnsupportedMediaTypeException(wrongType(String(sent ?? 'no content type')));
  return isByteStream(request.body) ? request.body : [];
}

/** 200 with the report when nothing was rejected; otherwise 422 with `message` and the same report. */
export function importAnswer<Report extends { rejected: number; errors: unknown }>(
  report: Report,
  reply: StatusReply,
  message: string,
): Report | ImportRejection<Report> {
  if (report.rejected === 0) return report;
  reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
  return {
    statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
    error: 'Unprocessable Entity',
    message,
    details: report.errors,
    ...report,
  };
}
