export { exitOnStartupFailure } from './startup-failure';
export { shutDownGracefullyOnSignals, SHUTDOWN_SIGNALS } from './graceful-shutdown';
export { drainHttpServer } from './drain-http-server';
export { oneLineError } from './one-line-error';
export { explainListenFailure } from './listen-failure';
export { runClusterPrimary } from './cluster-primary';
export { ProjectionThread } from './projection-thread';
export { HTTP_PROCESS_NODE_FLAGS } from './http-process-flags';
