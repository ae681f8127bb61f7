export { startWorkerThread } from './worker-thread';
