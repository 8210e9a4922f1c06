import type { ConnectionStatus } from '@edgevault/realtime';

export function StatusDot({ status }: { status: ConnectionStatus | 'none' }) {
  return <span class={`status-dot status-${status}`} data-testid="status-dot" aria-hidden="true" />;
}
