// Filtering 100,000 events by text and by regex with the panel's compiled filter (target: under 50 ms), beside
// a naive filter that searches each event's JSON.
import { compileFilter, DEFAULT_FILTERS } from '../lib/panel/filters';
import { entries } from '../test/support/panel-fixtures';

const all = entries(100_000);
const RUNS = 15;

function median(run: () => number): { ms: number; matched: number } {
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    matched = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, matched };
}

const ours = (search: string) => () =>
  all.filter(compileFilter({ ...DEFAULT_FILTERS, search }).matches).length;
const naive = (test: (text: string) => boolean) => () =>
  all.filter((entry) => test(JSON.stringify(entry.event))).length;

console.log(`100,000 events, median of ${RUNS} runs (includes compiling the filter)`);
for (const [label, search, baseline] of [
  ['text "key_17"', 'key_17', naive((text) => text.toLowerCase().includes('key_17'))],
  ['regex /^KEY_1\\d\\d$/', '/^KEY_1\\d\\d$/', naive((text) => /"key":"KEY_1\d\d"/.test(text))],
] as const) {
  const a = median(ours(search));
  const b = median(baseline);
  console.log(
    `${label.padEnd(24)} panel ${a.ms.toFixed(1).padStart(6)} ms (${a.matched} rows, target < 50 ms: ${a.ms < 50 ? 'ok' : 'MISSED'})   naive JSON search ${b.ms.toFixed(1).padStart(6)} ms (${b.matched} rows)`,
  );
}
