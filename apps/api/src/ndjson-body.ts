import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Readable, Transform } from 'node:stream';

const NDJSON = 'application/x-ndjson';

const tooLarge = (maxBytes: number): Error =>
  Object.assign(
    new Error(
      `The body exceeds IMPORT_MAX_BYTES (${maxBytes} bytes); lines before the limit may have been ` +
        `imported. Split the file and send the parts (re-sending lines is idempotent).`,
    ),
    { statusCode: 413 },
  );

/**
 * Passes bytes through until `maxBytes`, then fails with a 413 error. The request itself is not
 * destroyed (that would cut the connection before the 413 is sent): the rest is discarded.
 */
function limitBytes(source: Readable, maxBytes: number): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= maxBytes) return callback(null, chunk);
      source.unpipe(limiter);
      source.resume();
      callback(tooLarge(maxBytes));
    },
  });
  source.on('error', (error) => limiter.destroy(error));
  // The handler may not read the body at all (401, 403) or only later: an error must not go
  // unhandled meanwhile. Readers still see it (async iteration rejects with it).
  limiter.on('error', () => undefined);
  return source.pipe(limiter);
}

/**
 * NDJSON bodies (the history import) reach the handler as the raw request stream, unbuffered,
 * so a file of any length streams through in constant memory, up to `maxBytes`.
 */
export function acceptNdjsonStreams(app: NestFastifyApplication, maxBytes: number): void {
  acceptStreamedBodies(app, NDJSON, maxBytes);
}

/** Bodies of `contentType` (an import file) reach the handler as a stream, the same way. */
export function acceptStreamedBodies(
  app: NestFastifyApplication,
  contentType: string,
  maxBytes: number,
): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(contentType, (request, payload, done) => {
      if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
        done(tooLarge(maxBytes), undefined);
        return;
      }
      done(null, limitBytes(payload, maxBytes));
    });
}
