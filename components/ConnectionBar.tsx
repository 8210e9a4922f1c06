// Status, attempt and next retry, last close with its meaning, RTT, invalid frames, "Reconnect now".
import { useEffect, useState } from 'preact/hooks';
import { duration } from '../lib/panel/format';
import type { PanelSession } from '../lib/panel/session';
import { StatusDot } from './StatusDot';

export function ConnectionBar({ session }: { session: PanelSession }) {
  const state = session.connection.state.value;
  const [now, setNow] = useState(Date.now());
  const waiting = state?.nextRetryAt != null;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [waiting]);
  if (!state) return <div class="connection-bar" data-testid="connection-bar" />;
  const unauthorized = state.lastClose?.code === 4401 || state.lastClose?.code === 4403;
  return (
    <div class="connection-bar" data-testid="connection-bar">
      <StatusDot status={state.status} />
      <strong data-testid="connection-status">{state.status}</strong>
      {state.status !== 'open' && state.attempt > 0 && (
        <span data-testid="attempt">attempt {state.attempt}</span>
      )}
      {waiting && (
        <span data-testid="next-retry">next retry in {duration(Math.max(0, state.nextRetryAt! - now))}</span>
      )}
      {state.lastClose && (
        <span class={unauthorized ? 'error' : ''} data-testid="last-close">
          last close {state.lastClose.code}: {state.lastClose.meaning}
        </span>
      )}
      {state.rttMs !== null && <span data-testid="rtt">RTT {Math.round(state.rttMs)} ms</span>}
      {state.invalidFrames > 0 && (
        <span data-testid="invalid-frames">{state.invalidFrames} invalid frames</span>
      )}
      <button type="button" data-testid="reconnect" onClick={() => session.reconnect()}>
        Reconnect now
      </button>
    </div>
  );
}
