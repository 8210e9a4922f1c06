// Written against React's hook API; in this repo `react` resolves to `preact/compat` (the usual alias),
// so React and Preact apps can both use it.
import { useEffect, useRef, useState } from 'react';
import { WorkspaceEventsClient, type ConnectionStatus, type WorkspaceEventsClientOptions } from './client';
import type { WorkspaceEvent } from './events';

export type UseWorkspaceEventsOptions = Omit<WorkspaceEventsClientOptions, 'url' | 'onEvent' | 'onStatus'>;

/**
 * Subscribes to a workspace's events while mounted and returns the connection status. `null` stays
 * disconnected; a new url closes the old socket and opens one; the newest `onEvent` is called without
 * reconnecting. Options are read when the socket opens.
 */
export function useWorkspaceEvents(
  url: string | null,
  onEvent: (event: WorkspaceEvent) => void,
  options?: UseWorkspaceEventsOptions,
): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>(url === null ? 'closed' : 'connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const settings = useRef(options);
  settings.current = options;

  useEffect(() => {
    if (url === null) {
      setStatus('closed');
      return;
    }
    const client = new WorkspaceEventsClient({
      ...settings.current,
      url,
      onEvent: (event) => handler.current(event),
      onStatus: setStatus,
    });
    client.connect();
    return () => client.close();
  }, [url]);

  return status;
}

export type { ConnectionStatus, WorkspaceEvent };
