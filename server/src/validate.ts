// Checks of request bodies and path parts. Each failure is a 400 that names the field and what it expected.
import type { ConfigKind } from '../../lib/realtime/events';
import { HttpError } from './http';

export const KINDS: readonly ConfigKind[] = ['config', 'flag', 'secret'];
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const KEY = /^[A-Za-z0-9_.-]{1,128}$/;
export const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'body must be a JSON object');
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined) throw new HttpError(400, `missing field "${field}"`);
  if (typeof value !== 'string' || value === '')
    throw new HttpError(400, `"${field}" must be a non-empty string`);
  return value;
}

export function slug(value: string): string {
  if (!SLUG.test(value))
    throw new HttpError(
      400,
      `"slug" must be 1-63 lowercase letters, digits or dashes, starting with a letter or digit`,
    );
  return value;
}

export function configKey(value: string): string {
  if (!KEY.test(value)) throw new HttpError(400, `config key must be 1-128 of A-Z a-z 0-9 _ . -`);
  return value;
}

export function environmentBody(body: unknown): { slug: string } {
  return { slug: slug(text(object(body), 'slug')) };
}

export function configBody(body: unknown): { kind: ConfigKind; value: unknown } {
  const record = object(body);
  const kind = text(record, 'kind');
  if (!KINDS.includes(kind as ConfigKind))
    throw new HttpError(400, `unknown kind "${kind}": expected one of ${KINDS.join(', ')}`);
  if (!('value' in record)) throw new HttpError(400, 'missing field "value"');
  if (kind === 'secret' && typeof record.value !== 'string')
    throw new HttpError(400, 'a secret\'s "value" must be a string');
  return { kind: kind as ConfigKind, value: record.value };
}

export function promotionBody(body: unknown): {
  key: string;
  sourceEnvironmentId: string;
  targetEnvironmentId: string;
} {
  const record = object(body);
  const result = {
    key: configKey(text(record, 'key')),
    sourceEnvironmentId: text(record, 'sourceEnvironmentId'),
    targetEnvironmentId: text(record, 'targetEnvironmentId'),
  };
  if (result.sourceEnvironmentId === result.targetEnvironmentId)
    throw new HttpError(400, 'source and target environment are the same');
  return result;
}
