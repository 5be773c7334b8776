// One error shape for the whole API: { error, issues: [{ path, message }] } plus, for some
// conflicts, the current state. Thrown as ApiError anywhere; mapped by `onError` in app.ts.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';

export interface Issue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: string;
  issues: Issue[];
  [extra: string]: unknown;
}

export const IssueSchema = v.object({ path: v.string(), message: v.string() });
export const ErrorSchema = v.looseObject({ error: v.string(), issues: v.array(IssueSchema) });

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly issues: Issue[] = [],
    /** Extra members of the body, e.g. `current` for a 409. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    return { error: this.message, issues: this.issues, ...this.extra };
  }
}

export const badRequest = (message: string, issues: Issue[] = [], extra?: Record<string, unknown>) => new ApiError(400, message, issues, extra);
export const notFound = (message: string, issues: Issue[] = []) => new ApiError(404, message, issues);
export const conflict = (message: string, issues: Issue[] = [], extra?: Record<string, unknown>) => new ApiError(409, message, issues, extra);

/** valibot (or Standard Schema) issue path as `a.b[2].c`. */
export function pathOf(path: readonly (PropertyKey | { key: PropertyKey })[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = typeof item === 'object' && item !== null && 'key' in item ? item.key : item;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Issues of a failed valibot parse; `root` names the whole input when the path is empty. */
export function valibotIssues(issues: readonly v.BaseIssue<unknown>[], root = '(corps)'): Issue[] {
  return issues.map((issue) => ({
    path: pathOf(issue.path?.map((p) => ({ key: p.key as PropertyKey }))) || root,
    message: issue.kind === 'schema' && issue.received === 'undefined' ? 'champ obligatoire manquant' : issue.message,
  }));
}

/** Map anything thrown to a status and an error body; unknown errors are 500 (and logged by the caller). */
export function toErrorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody; internal: boolean } {
  if (error instanceof ApiError) return { status: error.status, body: error.body(), internal: false };
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const message =
      status === 413
        ? 'corps de requête trop volumineux'
        : status === 400 && /json/i.test(error.message)
          ? 'JSON mal formé dans le corps de la requête'
          : status === 404
            ? 'ressource introuvable'
            : status < 500
              ? 'requête invalide'
              : 'erreur interne du serveur';
    return { status, body: { error: message, issues: [] }, internal: status >= 500 };
  }
  return { status: 500, body: { error: 'erreur interne du serveur', issues: [] }, internal: true };
}
