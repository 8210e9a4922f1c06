// One Durable Object per workspace: its data, its sockets (hibernatable), and the events it broadcasts.
import { DurableObject } from 'cloudflare:workers';
import type { WorkspaceEvent } from '../../lib/realtime/events';
import { HttpError, errorResponse, json } from './http';
import { FORWARD, type RouteName } from './routes';
import { WorkspaceStore } from './store';
import { configBody, configKey, environmentBody, promotionBody } from './validate';
import type { Env } from './env';

/** Answered by the runtime itself, byte for byte, without waking the object. */
const PING = '{"type":"ping"}';
const PONG = '{"type":"pong"}';

type Attachment = { user: string; connectedAt: number };

export class Workspace extends DurableObject<Env> {
  private readonly store: WorkspaceStore;
  // In memory only: both reset when the object wakes from hibernation, which is how tests observe it.
  private readonly instance = crypto.randomUUID();
  private messagesHandled = 0;
  private burstVersion = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.store = new WorkspaceStore(ctx.storage);
  }

  override async fetch(request: Request): Promise<Response> {
    const user = request.headers.get(FORWARD.user) ?? 'unknown';
    const route = request.headers.get(FORWARD.route) as RouteName;
    const params = JSON.parse(request.headers.get(FORWARD.params) ?? '[]') as string[];
    try {
      return await this.handle(route, request, params, user);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.message);
      console.error('workspace request failed', error);
      return errorResponse(500, 'internal error');
    }
  }

  private async handle(
    route: RouteName,
    request: Request,
    [env, key]: string[],
    user: string,
  ): Promise<Response> {
    const now = Date.now();
    const { method } = request;
    switch (route) {
      case 'socket':
        return this.accept(user, now);
      case 'environments': {
        if (method === 'GET') return json({ environments: this.store.environments() });
        const { slug } = environmentBody(await request.json());
        const environment = this.store.createEnvironment(slug, now);
        this.broadcast({ type: 'environment.created', environmentId: environment.id, slug, at: now });
        return json({ environment }, 201);
      }
      case 'configs': {
        const environment = this.store.environment(env!);
        return json({ environment, configs: this.store.configs(environment.id) });
      }
      case 'config': {
        const environment = this.store.environment(env!);
        const name = configKey(key!);
        if (method === 'GET') return json({ config: this.store.config(environment.id, name) });
        if (method === 'DELETE') {
          this.store.deleteConfig(environment.id, name);
          this.broadcast({ type: 'config.deleted', environmentId: environment.id, key: name, at: now });
          return json({ deleted: { environmentId: environment.id, key: name } });
        }
        const { kind, value } = configBody(await request.json());
        const version = this.store.putConfig(environment.id, name, kind, value, now);
        this.broadcast({
          type: 'config.changed',
          environmentId: environment.id,
          key: name,
          kind,
          version,
          at: now,
        });
        return json({ config: { environmentId: environment.id, key: name, kind, version } });
      }
      case 'promotions': {
        const body = promotionBody(await request.json());
        const source = this.store.environment(body.sourceEnvironmentId);
        const target = this.store.environment(body.targetEnvironmentId);
        const { kind, version } = this.store.promote(body.key, source.id, target.id, now);
        const promotion = { key: body.key, sourceEnvironmentId: source.id, targetEnvironmentId: target.id };
        this.broadcast({ type: 'promotion.completed', ...promotion, at: now });
        // The target key changed too: its watchers refresh on config.changed and track its version.
        this.broadcast({
          type: 'config.changed',
          environmentId: target.id,
          key: body.key,
          kind,
          version,
          at: now,
        });
        return json({ promotion: { ...promotion, kind, version } });
      }
      case 'burst': {
        // Synthetic config.changed events for soak and load tests: broadcast only, nothing stored.
        const { count } = (await request.json()) as { count?: unknown };
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10_000)
          throw new HttpError(400, '"count" must be an integer from 1 to 10,000');
        for (let i = 0; i < count; i++) {
          const version = ++this.burstVersion;
          this.broadcast({
            type: 'config.changed',
            environmentId: 'env_burst',
            key: `BURST_${version % 100}`,
            kind: 'config',
            version,
            at: now,
          });
        }
        return json({ sent: count, lastVersion: this.burstVersion });
      }
      case 'debug':
        return json({
          instance: this.instance,
          sockets: this.ctx.getWebSockets().length,
          users: this.users(),
          messagesHandled: this.messagesHandled,
          lastAutoResponseAt: this.ctx
            .getWebSockets()
            .map((ws) => this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? null),
        });
    }
  }

  private accept(user: string, now: number): Response {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [user]);
    server.serializeAttachment({ user, connectedAt: now } satisfies Attachment);
    this.broadcastPresence(now);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(): void {
    // Clients send nothing but pings, which the runtime answers without calling this. Count the rest.
    this.messagesHandled++;
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed by the runtime.
    }
    this.broadcastPresence(Date.now(), ws);
  }

  override webSocketError(ws: WebSocket): void {
    this.broadcastPresence(Date.now(), ws);
  }

  private users(leaving?: WebSocket): string[] {
    const users = new Set<string>();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === leaving || ws.readyState !== WebSocket.OPEN) continue;
      const attachment = ws.deserializeAttachment() as Attachment | null;
      if (attachment) users.add(attachment.user);
    }
    return [...users].sort();
  }

  private broadcastPresence(now: number, leaving?: WebSocket): void {
    this.broadcast({ type: 'presence', users: this.users(leaving), at: now }, leaving);
  }

  /** Sends an event to every open socket. Events never carry a value. */
  private broadcast(event: WorkspaceEvent, except?: WebSocket): void {
    const frame = JSON.stringify(event);
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      try {
        ws.send(frame);
      } catch {
        // A socket closing concurrently: its close handler updates presence.
      }
    }
  }
}
