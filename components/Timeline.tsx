// The virtualized timeline: only the rows in view (plus a margin) are in the DOM, whatever the event count.
// Hand-rolled: with fixed-height rows it is index arithmetic in a few lines; a virtualizer library would add
// several KiB and a second scroll model to a panel that needs neither.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { HistoryEntry } from '../lib/protocol';
import { ago, clockTime, duration, eventColumns } from '../lib/panel/format';
import type { PanelSession, TimeFormat } from '../lib/panel/session';
import { indexOfSeq } from '../lib/panel/timeline-model';

export const ROW_HEIGHT = 24;
/** Rows rendered above and below the visible ones, so that fast scrolling shows no blank band. */
export const OVERSCAN = 8;
const FALLBACK_HEIGHT = 480;

function timeLabel(format: TimeFormat, entry: HistoryEntry, now: number, openedAt: number | null): string {
  if (format === 'relative') return ago(entry.receivedAt, now);
  if (format === 'since-connect')
    return openedAt === null ? '–' : `+${duration(entry.receivedAt - openedAt)}`;
  return clockTime(entry.receivedAt);
}

export function Timeline({ session }: { session: PanelSession }) {
  const { timeline } = session;
  timeline.revision.value;
  const view = timeline.view();
  const selectedSeq = timeline.selectedSeq.value;
  const format = session.timeFormat.value;
  const openedAt = session.connection.state.value?.openedAt ?? null;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const element = scroller.current!;
    const measure = () => setHeight(element.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (format !== 'relative') return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [format]);
  // Follow the newest row unless the user scrolled up; keep the selected row in view when it moves.
  useLayoutEffect(() => {
    const element = scroller.current!;
    if (timeline.follow.value) element.scrollTop = view.length * ROW_HEIGHT;
    else if (selectedSeq !== null) {
      const top = indexOfSeq(view, selectedSeq) * ROW_HEIGHT;
      if (top >= 0 && top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
        element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    }
    setScrollTop(element.scrollTop);
  }, [view.length, timeline.revision.value, selectedSeq]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(view.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let index = first; index < last; index++) {
    const entry = view[index]!;
    const columns = eventColumns(entry.event);
    const gap = timeline.log.gaps.has(entry.seq);
    rows.push(
      <div
        key={entry.seq}
        role="row"
        class={`row ${entry.seq === selectedSeq ? 'selected' : ''} type-${entry.event.type.replace('.', '-')}`}
        style={{ top: `${index * ROW_HEIGHT}px` }}
        data-testid="timeline-row"
        data-seq={entry.seq}
        onClick={() => {
          timeline.selectedSeq.value = entry.seq;
          timeline.follow.value = false;
        }}
      >
        <span class="time">{timeLabel(format, entry, now, openedAt)}</span>
        <span class="type">{entry.event.type}</span>
        <span class="env">{columns.environment}</span>
        <span class="key">{columns.key}</span>
        <span class={`kind kind-${columns.kind}`}>{columns.kind}</span>
        <span class="version">
          {columns.version}
          {gap && (
            <span
              class="gap"
              data-testid="gap-marker"
              title="versions skipped: changes missed while disconnected"
            >
              {' '}
              ⚠ gap
            </span>
          )}
        </span>
      </div>,
    );
  }

  return (
    <div class="timeline-wrap">
      <div class="timeline-header row" role="row" aria-hidden="true">
        <span>
          {format === 'absolute' ? 'received' : format === 'relative' ? 'received' : 'since connect'}
        </span>
        <span>type</span>
        <span>environment</span>
        <span>key</span>
        <span>kind</span>
        <span>version</span>
      </div>
      <div
        class="timeline"
        ref={scroller}
        role="grid"
        aria-rowcount={view.length}
        data-testid="timeline"
        onScroll={(event) => {
          const element = event.currentTarget;
          setScrollTop(element.scrollTop);
          timeline.follow.value =
            element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
        }}
      >
        <div class="spacer" style={{ height: `${view.length * ROW_HEIGHT}px` }}>
          {rows}
        </div>
        {view.length === 0 && (
          <p class="empty" data-testid="timeline-empty">
            {timeline.log.items.length ? 'No event matches the filters.' : 'No events yet.'}
          </p>
        )}
      </div>
    </div>
  );
}
