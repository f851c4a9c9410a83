export * from './live.module';
export { LIVE_NAMESPACE } from './live.gateway';
export { liveRooms } from './sockets/live-rooms';
export {
  CommittedChangesListener,
  LIVE_LISTENER_APPLICATION_NAME,
} from './changes/committed-changes.listener';
export { QueueMetricsPusher } from './metrics/queue-metrics.pusher';
export { QueueMetricsQuery } from './metrics/queue-metrics.query';
