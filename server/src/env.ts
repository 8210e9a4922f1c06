import type { Workspace } from './workspace';

export interface Env {
  WORKSPACE: DurableObjectNamespace<Workspace>;
  ASSETS?: Fetcher;
  /** JSON map of token to user (see auth.ts). A secret in production; server/dev.env locally. */
  TOKENS?: string;
  /** "true" exposes GET …/_debug. Only in server/dev.env. */
  EXPOSE_DEBUG?: string;
}
