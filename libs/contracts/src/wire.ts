/**
 * What a payload becomes on the wire (JSON over HTTP or socket.io): instants are ISO 8601
 * strings. The server types a payload with `Date`s; a client reads `Wire<Payload>`.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;
