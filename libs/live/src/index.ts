export * from './live.module';
export { LIVE_NAMESPACE, liveRooms } from './live.gateway';
