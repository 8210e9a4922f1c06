// The Worker: matches routes, checks tokens, and forwards to the workspace's Durable Object.
import { authorize, bearer, parseTokens } from './auth';
import { HttpError, errorResponse, readJson } from './http';
import { DEBUG_ROUTES, FORWARD, match } from './routes';
import { WORKSPACE_ID } from './validate';
import type { Env } from './env';

export { Workspace } from './workspace';

/** Socket upgrades refused for their token, per workspace: shown by the debug route (tests count retries). */
const rejectedSockets = new Map<string, number>();

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return await route(request, env);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.message);
      console.error('request failed', error);
      return errorResponse(500, 'internal error');
    }
  },
} satisfies ExportedHandler<Env>;

async function route(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const found = match(url.pathname);
  if (!found || (DEBUG_ROUTES.includes(found.route.name) && env.EXPOSE_DEBUG !== 'true')) {
    if (!url.pathname.startsWith('/api/') && env.ASSETS) return env.ASSETS.fetch(request);
    return errorResponse(404, `no route ${request.method} ${url.pathname}`);
  }
  const { workspaceId, route, params } = found;
  if (!route.methods.includes(request.method))
    return errorResponse(405, `${request.method} not allowed here; use ${route.methods.join(' or ')}`, {
      allow: route.methods.join(', '),
    });
  if (!WORKSPACE_ID.test(workspaceId)) return errorResponse(400, `bad workspace id "${workspaceId}"`);

  const socket = route.name === 'socket';
  if (socket && request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
    return errorResponse(426, 'expected a WebSocket upgrade', { upgrade: 'websocket' });
  const auth = authorize(
    parseTokens(env.TOKENS),
    socket ? url.searchParams.get('token') : bearer(request),
    workspaceId,
  );
  if ('status' in auth) {
    // A browser sees an HTTP 401 on an upgrade only as close code 1006: accept, then close with 4401/4403.
    if (!socket) return errorResponse(auth.status, auth.error);
    rejectedSockets.set(workspaceId, (rejectedSockets.get(workspaceId) ?? 0) + 1);
    return rejectSocket(4000 + auth.status, auth.error);
  }

  const headers = new Headers(request.headers);
  headers.set(FORWARD.user, auth.user);
  headers.set(FORWARD.route, route.name);
  headers.set(FORWARD.params, JSON.stringify(params));
  // The body is read, bounded and parsed here, and forwarded whole: streaming it through would let the
  // Durable Object answer (say, 404) while the pipe is still reading.
  const hasBody = request.method === 'POST' || request.method === 'PUT';
  const body = hasBody ? JSON.stringify(await readJson(request)) : undefined;
  const stub = env.WORKSPACE.get(env.WORKSPACE.idFromName(workspaceId));
  const response = await stub.fetch(new Request(request.url, { method: request.method, headers, body }));
  if (route.name !== 'debug') return response;
  const debug = (await response.json()) as Record<string, unknown>;
  return Response.json({ ...debug, rejectedSockets: rejectedSockets.get(workspaceId) ?? 0 });
}

function rejectSocket(code: number, reason: string): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  server.close(code, reason);
  return new Response(null, { status: 101, webSocket: client });
}
