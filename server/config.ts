// Server configuration: read from the environment once, at start-up, and validated.
// A bad value stops the start with a French message naming the variable (see index.ts).
import * as v from 'valibot';

export const LOG_LEVELS = ['info', 'warn', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SEED_MODES = ['demo', 'none'] as const;
export type SeedMode = (typeof SEED_MODES)[number];

export const CLIENT_MODES = ['auto', 'none'] as const;
export type ClientMode = (typeof CLIENT_MODES)[number];

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  seed: SeedMode;
  /** info: start-up lines and one access-log line per request; warn: warnings and errors only; silent: nothing. */
  log: LogLevel;
  /** auto: serve dist/client, building it first if needed; none: API only (tests, benches). */
  client: ClientMode;
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

const EnvSchema = v.object({
  PORT: v.pipe(
    v.optional(v.string(), '3000'),
    v.transform((value: string) => {
      const text = blankToUndefined(value);
      return text === undefined ? 3000 : /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    }),
    v.check((n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'doit être un numéro de port entre 0 et 65535 (0 : port libre choisi par le système)'),
  ),
  HOST: v.pipe(
    v.optional(v.string(), '127.0.0.1'),
    v.transform((value) => blankToUndefined(value) ?? '127.0.0.1'),
    v.regex(/^[A-Za-z0-9.:[\]-]+$/, 'doit être un nom d’hôte ou une adresse IP (par exemple 127.0.0.1 ou 0.0.0.0)'),
  ),
  DATABASE_PATH: v.pipe(
    v.optional(v.string(), 'var/articulation.sqlite'),
    v.transform((value) => blankToUndefined(value) ?? 'var/articulation.sqlite'),
    v.check((value) => value !== ':memory:', 'doit être un chemin de fichier (la base en mémoire serait perdue à l’arrêt)'),
    v.check((value) => !value.includes('\u0000'), 'contient un caractère interdit'),
  ),
  ARTICULATION_SEED: v.pipe(
    v.optional(v.string(), 'demo'),
    v.transform((value) => (blankToUndefined(value) ?? 'demo').toLowerCase()),
    v.picklist(SEED_MODES, (issue) => `valeur inconnue « ${String(issue.input)} » (attendu : demo ou none)`),
  ),
  LOG: v.pipe(
    v.optional(v.string(), 'info'),
    v.transform((value) => (blankToUndefined(value) ?? 'info').toLowerCase()),
    v.picklist(LOG_LEVELS, (issue) => `valeur inconnue « ${String(issue.input)} » (attendu : ${LOG_LEVELS.join(', ')})`),
  ),
  ARTICULATION_CLIENT: v.pipe(
    v.optional(v.string(), 'auto'),
    v.transform((value) => (blankToUndefined(value) ?? 'auto').toLowerCase()),
    v.picklist(CLIENT_MODES, (issue) => `valeur inconnue « ${String(issue.input)} » (attendu : auto ou none)`),
  ),
});

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p.variable} : ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Read and validate the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = {
    PORT: env.PORT,
    HOST: env.HOST,
    DATABASE_PATH: env.DATABASE_PATH,
    ARTICULATION_SEED: env.ARTICULATION_SEED,
    LOG: env.LOG,
    ARTICULATION_CLIENT: env.ARTICULATION_CLIENT,
  };
  const parsed = v.safeParse(EnvSchema, input, { abortPipeEarly: true });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.issues.map((issue) => {
        const variable = String(issue.path?.[0]?.key ?? '?');
        const raw = input[variable as keyof typeof input];
        return { variable, message: `${issue.message}${raw !== undefined ? ` (valeur reçue : « ${raw} »)` : ''}` };
      }),
    );
  }
  const out = parsed.output;
  return { port: out.PORT, host: out.HOST, databasePath: out.DATABASE_PATH, seed: out.ARTICULATION_SEED, log: out.LOG, client: out.ARTICULATION_CLIENT };
}
