import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pipeline, Readable, Transform } from 'node:stream';

const NDJSON = 'application/x-ndjson';

const tooLarge = (maxBytes: number): Error =>
  Object.assign(
    new Error(
      `The body exceeds IMPORT_MAX_BYTES (${maxBytes} bytes); lines before the limit may have been ` +
        `imported. Split the file and send the parts (re-sending lines is idempotent).`,
    ),
    { statusCode: 413 },
  );

/** Passes bytes through until `maxBytes`, then fails the stream with a 413 error. */
function limitBytes(source: Readable, maxBytes: number): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > maxBytes ? tooLarge(maxBytes) : null, seen > maxBytes ? undefined : chunk);
    },
  });
  return pipeline(source, limiter, () => undefined);
}

/**
 * NDJSON bodies (the history import) reach the handler as the raw request stream, unbuffered,
 * so a file of any length streams through in constant memory, up to `maxBytes`.
 */
export function acceptNdjsonStreams(app: NestFastifyApplication, maxBytes: number): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(NDJSON, (request, payload, done) => {
      if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
        done(tooLarge(maxBytes), undefined);
        return;
      }
      done(null, limitBytes(payload, maxBytes));
    });
}
