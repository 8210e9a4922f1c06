export {
  WorkspaceEventsClient,
  FINAL_CLOSE_CODES,
  DEAD_LINK_CODE,
  PING_FRAME,
  type ConnectionStatus,
  type Diagnostic,
  type WorkspaceEventsClientOptions,
  type WorkspaceUrl,
  type WebSocketConstructor,
} from './client';
export { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';
export {
  parseEvent,
  EVENT_TYPES,
  CONFIG_KINDS,
  MAX_FRAME_BYTES,
  type WorkspaceEvent,
  type WorkspaceEventType,
  type ConfigKind,
  type ParseResult,
} from './events';
