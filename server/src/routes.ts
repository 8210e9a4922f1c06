// The route table, shared by the Worker (matching, methods, auth) and the Durable Object (dispatch).

export type RouteName = 'socket' | 'environments' | 'configs' | 'config' | 'promotions' | 'debug' | 'burst';

type Route = { name: RouteName; pattern: RegExp; methods: readonly string[] };

const ROUTES: readonly Route[] = [
  { name: 'socket', pattern: /^\/ws$/, methods: ['GET'] },
  { name: 'environments', pattern: /^\/environments$/, methods: ['GET', 'POST'] },
  { name: 'configs', pattern: /^\/environments\/([^/]+)\/configs$/, methods: ['GET'] },
  {
    name: 'config',
    pattern: /^\/environments\/([^/]+)\/configs\/([^/]+)$/,
    methods: ['GET', 'PUT', 'DELETE'],
  },
  { name: 'promotions', pattern: /^\/promotions$/, methods: ['POST'] },
  { name: 'debug', pattern: /^\/_debug$/, methods: ['GET'] },
  { name: 'burst', pattern: /^\/_debug\/burst$/, methods: ['POST'] },
];

const PREFIX = /^\/api\/v1\/workspaces\/([^/]+)(\/.*)$/;

/** Test-only routes, served only when EXPOSE_DEBUG is "true" (server/dev.env). */
export const DEBUG_ROUTES: readonly RouteName[] = ['debug', 'burst'];

export type Match = { workspaceId: string; route: Route; params: string[] };

export function match(pathname: string): Match | undefined {
  const outer = PREFIX.exec(pathname);
  if (!outer) return undefined;
  for (const route of ROUTES) {
    const inner = route.pattern.exec(outer[2]!);
    if (inner) {
      try {
        return {
          workspaceId: decodeURIComponent(outer[1]!),
          route,
          params: inner.slice(1).map(decodeURIComponent),
        };
      } catch {
        return undefined; // malformed percent-encoding: no such route
      }
    }
  }
  return undefined;
}

/** Headers the Worker sets on what it forwards to the Durable Object (not reachable from outside). */
export const FORWARD = {
  user: 'x-edgevault-user',
  route: 'x-edgevault-route',
  params: 'x-edgevault-params',
} as const;
