// What a close code means to someone debugging a workspace connection.
const MEANINGS: Record<number, string> = {
  0: 'bad URL: the browser refused to open it',
  1000: 'normal closure',
  1001: 'going away: the server restarted or was deployed',
  1005: 'closed without a status code',
  1006: 'connection lost or refused (no close frame)',
  1008: 'policy violation: rejected by the server',
  1009: 'message too big',
  1011: 'server error',
  1012: 'service restart',
  1013: 'try again later',
  4000: 'dead link: no answer to ping',
  4401: 'unauthorized: bad or missing token',
  4403: 'forbidden: no access to this workspace',
};

export function closeMeaning(code: number): string {
  return MEANINGS[code] ?? (code >= 4000 ? 'application-defined close' : 'unknown close code');
}
