import { userInfo, hostname } from 'node:os';
import { z } from 'zod';
import { CliError, EXIT } from './errors.js';

/**
 * Everything the tool reads from the environment, read once here and validated, every problem
 * listed at once. Domain code never reads process.env.
 */
const Environment = z.object({
  CORROBORATE_DB: z
    .string()
    .min(1)
    .refine((v) => !/^[a-z]+:\/\//i.test(v) || /^postgres(ql)?:\/\//i.test(v), 'a file path or a postgres:// URL')
    .optional(),
  CORROBORATE_ACTOR: z.string().min(1).max(200).optional(),
  CORROBORATE_HOME: z.string().min(1).optional(),
  NO_COLOR: z.string().optional(),
});

export interface Config {
  /** A SQLite path or a postgres:// URL; null means the case's own workspace database. */
  db: string | null;
  /** Who acts, for the custody log. */
  actor: string;
  /** The installation's folder (its signing key lives in `keys/`); null means ~/.corroborate. */
  home: string | null;
  color: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv, isTty: boolean): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    throw new CliError(
      'the environment is not usable',
      EXIT.input,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  return {
    db: values.CORROBORATE_DB ?? null,
    actor: values.CORROBORATE_ACTOR ?? defaultActor(),
    home: values.CORROBORATE_HOME ?? null,
    color: isTty && values.NO_COLOR === undefined,
  };
}

function defaultActor(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // A container user without a passwd entry.
  }
  return `${user}@${hostname()}`;
}
