/** A readable stream, or any (async) iterable of chunks: what an import reads its file from. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>;

/** A request body that a streaming content-type parser handed over (anything else is not one). */
export const isByteStream = (body: unknown): body is AsyncIterable<Buffer> =>
  typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

/** The chunk as a Buffer over the same memory (strings are encoded as UTF-8). */
export const toBuffer = (chunk: Buffer | Uint8Array | string): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk)
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
