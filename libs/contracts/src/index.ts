/**
 * The contract between the API and its clients (the console, scripts): the fields' allowed
 * values and the shapes of payloads both sides read. Plain TypeScript that imports nothing from outside
 * this folder, so the console compiles it too; the server's DTOs and queries are typed by it.
 */
export * from './ticket-fields';
export * from './sla';
export * from './kpi-figures';
export * from './queue-metrics';
export * from './live-protocol';
export * from './wire';
export * from './reply-templates';
export * from './mail';
export * from './chat-protocol';
