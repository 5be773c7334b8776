// oidc-provider (a test dependency: the OpenID Connect provider the single-sign-on tests start)
// ships no type declarations; the tests use its constructor and its request callback only.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
