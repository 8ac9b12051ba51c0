import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The deployment file named by CONFIG_FILE (JSON): the Atlas connections this BFF may use and
 * who may see which organization. Secrets never live in the file itself: each secret field names
 * an environment variable or a file (a Docker/Kubernetes secret mount) to read it from.
 * docs/deployment.md documents the format with a complete example.
 */

const objectId = z.string().regex(/^[a-f0-9]{24}$/, { error: 'must be a 24-hex Atlas id' });
const orgList = z.array(objectId).min(1).max(1000);

/** Where a secret comes from; `{ "env": "NAME" }` or `{ "file": "/run/secrets/name" }`. */
const secretRef = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  { error: 'must be { "env": "VARIABLE" } or { "file": "/path" } (never the secret itself)' },
);

const connectionBase = {
  /** Shown in logs and errors; never a secret. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    error: 'letters, digits, . _ - (at most 64)',
  }),
  /** The organizations this connection serves (a paying org and its linked orgs, say). */
  orgIds: orgList,
  /** Defaults to ATLAS_BASE_URL. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
};

const connectionSchema = z.discriminatedUnion('auth', [
  z.strictObject({
    ...connectionBase,
    auth: z.literal('service-account'),
    clientId: z.string().min(1),
    clientSecret: secretRef,
  }),
  z.strictObject({
    ...connectionBase,
    auth: z.literal('api-key'),
    publicKey: z.string().min(1),
    privateKey: secretRef,
  }),
]);

/** A list of org ids, or "*" for every organization the connections serve. */
const grant = z.union([z.literal('*'), orgList]);

export const configFileSchema = z.strictObject({
  connections: z
    .array(connectionSchema)
    .max(100)
    .optional()
    .refine((list) => !list || new Set(list.map((c) => c.name)).size === list.length, {
      error: 'connection names must be unique',
    })
    .refine(
      (list) => {
        const ids = (list ?? []).flatMap((c) => c.orgIds);
        return new Set(ids).size === ids.length;
      },
      { error: 'an organization may be served by one connection only' },
    ),
  access: z
    .strictObject({
      /** Keys are e-mail addresses as the proxy sends them (compared case-insensitively). */
      users: z.record(z.string().min(3).max(320), grant).default({}),
      /** Keys are group names as the proxy sends them in X-Forwarded-Groups. */
      groups: z.record(z.string().min(1).max(256), grant).default({}),
    })
    .optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ConnectionEntry = NonNullable<ConfigFile['connections']>[number];
export type SecretRef = z.infer<typeof secretRef>;

/** Reads and validates the file; every problem is reported as "CONFIG_FILE <path>: message". */
export function readConfigFile(file: string): { value?: ConfigFile; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : err instanceof SyntaxError
          ? `not valid JSON (${err.message})`
          : `cannot be read (${(err as Error).message})`;
    return { problems: [`CONFIG_FILE ${file}: ${reason}`] };
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (issue) => `CONFIG_FILE ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      ),
    };
  }
  return { value: parsed.data, problems: [] };
}

/**
 * Resolves a secret reference. Problems name the reference, never the value; a file's content is
 * trimmed (secret mounts usually end with a newline).
 */
export function resolveSecret(
  ref: SecretRef,
  where: string,
  env: Record<string, string | undefined>,
): { value?: string; problem?: string } {
  if ('env' in ref) {
    const value = env[ref.env]?.trim();
    return value ? { value } : { problem: `${where}: environment variable ${ref.env} is not set` };
  }
  try {
    const value = readFileSync(ref.file, 'utf8').trim();
    return value ? { value } : { problem: `${where}: secret file ${ref.file} is empty` };
  } catch (err) {
    return {
      problem: `${where}: secret file ${ref.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
}
