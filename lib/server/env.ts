import "server-only";
import { z } from "zod";

const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** A positive whole number from the environment, with the default a person never meets. */
const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    NEXT_PHASE: optional,
    NEXTAUTH_SECRET: optional.refine((value) => value === undefined || value.length >= 32, {
      message: "NEXTAUTH_SECRET must be at least 32 characters (try `openssl rand -base64 32`)",
    }),
    NEXTAUTH_URL: optional.pipe(
      z
        .url({ message: "NEXTAUTH_URL must be the public URL, like https://handoff.example.com" })
        .optional(),
    ),
    // A short session lifetime is useful in tests of session expiry; default 30 days.
    SESSION_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(30 * 24 * 60 * 60),
    GITHUB_ID: optional,
    GITHUB_SECRET: optional,
    COSMOS_ENDPOINT: optional.pipe(
      z
        .url({
          message: "COSMOS_ENDPOINT must be a URL like https://<account>.documents.azure.com:443/",
        })
        .optional(),
    ),
    COSMOS_KEY: optional,
    // For tests against a local Cosmos DB API server with a self-signed certificate; only
    // accepted for a loopback endpoint.
    COSMOS_ALLOW_SELF_SIGNED: z.enum(["0", "1"]).default("0"),
    COSMOS_DATABASE: optional.default("handoff"),
    COSMOS_CONTAINER: optional.default("items"),
    HANDOFF_DATA_DIR: optional.default(".data"),
    // 32 random bytes, base64: the AES-GCM key of sealed storage. Derived from NEXTAUTH_SECRET when unset.
    HANDOFF_SEAL_KEY: optional.refine(
      (value) => value === undefined || Buffer.from(value, "base64").length === 32,
      {
        message:
          "HANDOFF_SEAL_KEY must be 32 random bytes in base64 (try `openssl rand -base64 32`)",
      },
    ),
    VERCEL: optional,
    // Set by Vercel: a preview keeps its data in a container of its own (see containerName).
    VERCEL_ENV: optional,
    VERCEL_GIT_COMMIT_REF: optional,
    // 1: the address a request came from is the last one in X-Forwarded-For, as appended by the
    // proxy in front (nginx, Vercel). 0: the socket's address; a client's header is ignored.
    HANDOFF_TRUST_PROXY: z.enum(["0", "1"]).optional(),
    // FULL survives power loss; NORMAL is only for measuring what FULL costs (npm run bench).
    HANDOFF_SQLITE_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
    // Limits on what a client controls; README "Limits" says why each default.
    HANDOFF_MAX_REQUEST_BYTES: limit(256 * 1024),
    HANDOFF_MAX_AUTH_REQUEST_BYTES: limit(16 * 1024),
    HANDOFF_MAX_DOC_BYTES: limit(256 * 1024),
    HANDOFF_MAX_DRAFTS: limit(500),
    HANDOFF_MAX_DOCS_PER_USER: limit(5000),
    HANDOFF_HISTORY_MAX_BYTES: limit(8 * 1024 * 1024),
    HANDOFF_HISTORY_MAX_VERSIONS: limit(1000),
    // How long typing pauses before the version is kept; shorter only to compress time in
    // the benchmark (bench/history.mjs).
    HANDOFF_HISTORY_PAUSE_MS: limit(30_000),
    HANDOFF_THROTTLE_WINDOW_SECONDS: limit(15 * 60),
    HANDOFF_SIGNIN_FAILURES_PER_ACCOUNT: limit(10),
    HANDOFF_SIGNIN_ATTEMPTS_PER_ADDRESS: limit(100),
    HANDOFF_SIGNUPS_PER_ADDRESS: limit(20),
    HANDOFF_PASSWORD_HASH_CONCURRENCY: limit(2),
    HANDOFF_PASSWORD_HASH_QUEUE: limit(32),
    HANDOFF_MAX_REVOKED_SESSIONS: limit(50),
    // The poke stream (README "Live while in use"): off leaves every tab on the pulse alone.
    HANDOFF_LIVE: z.enum(["on", "off"]).default("on"),
    // How often an instance asks the store which users changed, for all its streams at once.
    HANDOFF_LIVE_FEED_MS: limit(100),
    HANDOFF_LIVE_MAX_STREAMS: limit(10_000),
    HANDOFF_LIVE_MAX_STREAMS_PER_USER: limit(20),
    // A stream ends itself after this long (below Vercel's maxDuration of the route, 300 s);
    // the page reconnects with the last marker it was told.
    HANDOFF_LIVE_STREAM_SECONDS: limit(280),
    // OpenTelemetry metrics over OTLP/HTTP (README "Seen in production"); off when unset.
    OTEL_EXPORTER_OTLP_ENDPOINT: optional.pipe(
      z
        .url({ message: "OTEL_EXPORTER_OTLP_ENDPOINT must be a URL like https://otlp.example.com" })
        .optional(),
    ),
    OTEL_METRIC_EXPORT_INTERVAL: limit(60_000),
  })
  .superRefine((env, ctx) => {
    const building = env.NEXT_PHASE === "phase-production-build";
    if (env.COSMOS_ENDPOINT && !env.COSMOS_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["COSMOS_KEY"],
        message: "COSMOS_ENDPOINT is set, so set COSMOS_KEY to the account's primary key too",
      });
    }
    if (env.COSMOS_ALLOW_SELF_SIGNED === "1" && !isLoopback(env.COSMOS_ENDPOINT)) {
      ctx.addIssue({
        code: "custom",
        path: ["COSMOS_ALLOW_SELF_SIGNED"],
        message:
          "COSMOS_ALLOW_SELF_SIGNED=1 is only for a Cosmos DB test server on 127.0.0.1; unset it",
      });
    }
    if (env.VERCEL && !env.COSMOS_ENDPOINT && !building) {
      ctx.addIssue({
        code: "custom",
        path: ["COSMOS_ENDPOINT"],
        message:
          "Running on Vercel: set COSMOS_ENDPOINT and COSMOS_KEY. A serverless file system cannot hold the embedded SQLite file.",
      });
    }
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET && !building) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message:
          "Production needs NEXTAUTH_SECRET (32+ random characters, e.g. `openssl rand -base64 32`) to sign session tokens",
      });
    }
    if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["GITHUB_SECRET"],
        message: "Set both GITHUB_ID and GITHUB_SECRET to turn on GitHub sign-in, or neither",
      });
    }
  });

export type Env = z.infer<typeof schema>;

/** Every variable the app reads (.env.example must list them; a test checks). */
export const ENV_KEYS = Object.keys(schema.shape);

/** Behind Vercel's edge X-Forwarded-For is always rewritten by the platform, so it is trusted there. */
export const trustProxy = (value: Env) =>
  (value.HANDOFF_TRUST_PROXY ?? (value.VERCEL ? "1" : "0")) === "1";

function isLoopback(endpoint: string | undefined) {
  if (!endpoint) return false;
  const { hostname } = new URL(endpoint);
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    super(`Handoff cannot start, its environment is invalid:\n${lines.join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

/** Read once per process; every server module imports this instead of `process.env`. */
export const env: Env = parseEnv(process.env);
