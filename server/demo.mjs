// The demo workspace: a seed of environments and keys of each kind, and gentle traffic that changes them.
import { call } from './dev-server.mjs';

export const DEMO_WORKSPACE = 'demo';
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const KEYS = [
  ['API_URL', 'config', 'https://api.example.test'],
  ['MAX_UPLOAD_MB', 'config', 25],
  ['NEW_CHECKOUT', 'flag', false],
  ['DARK_MODE', 'flag', true],
  ['STRIPE_SECRET_KEY', 'secret', 'sk_test_demo_0001'],
  ['DATABASE_URL', 'secret', 'postgres://demo:demo@db.internal/app'],
];

async function ok(promise) {
  const result = await promise;
  if (result.status >= 400 && result.status !== 409) throw new Error(`demo seed: ${result.body.error}`);
  return result;
}

/** Seeds the demo workspace once: a workspace that already has environments is left as it is. */
export async function seedDemo(server) {
  const { body } = await ok(call(server, 'GET', '/environments'));
  if (body.environments.length > 0) return false;
  for (const slug of ENVIRONMENTS) await ok(call(server, 'POST', '/environments', { slug }));
  for (const slug of ENVIRONMENTS)
    for (const [key, kind, value] of KEYS)
      await ok(call(server, 'PUT', `/environments/${slug}/configs/${key}`, { kind, value }));
  return true;
}

const pick = (items) => items[Math.floor(Math.random() * items.length)];

/** One plausible change: flip a flag, bump a config, rotate a secret, or promote a key. */
export async function demoChange(server, token = 'dev-bo') {
  const roll = Math.random();
  const env = pick(ENVIRONMENTS);
  if (roll < 0.15) {
    const [source, target] = pick([
      ['dev', 'staging'],
      ['staging', 'prod'],
    ]);
    const key = pick(KEYS)[0];
    return call(
      server,
      'POST',
      '/promotions',
      { key, sourceEnvironmentId: `env_${source}`, targetEnvironmentId: `env_${target}` },
      token,
    );
  }
  const [key, kind] = pick(KEYS);
  const value =
    kind === 'flag'
      ? Math.random() < 0.5
      : kind === 'secret'
        ? `rotated_${Date.now().toString(36)}`
        : Date.now();
  return call(server, 'PUT', `/environments/${env}/configs/${key}`, { kind, value }, token);
}

/** Starts a change every `everyMs`; returns a stop function. */
export function startDemoTraffic(server, everyMs = 3_000, onChange = () => {}) {
  const timer = setInterval(() => {
    demoChange(server).then(onChange, (error) => onChange({ status: 0, body: { error: error.message } }));
  }, everyMs);
  return () => clearInterval(timer);
}
