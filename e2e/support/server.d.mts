export interface ServerOptions {
  port: number;
  dataDir: string;
  secret: string;
  env?: Record<string, string>;
}

export function freePortSync(): number;
export function newSecret(): string;
export function newDataDir(): string;
export function serverEnv(options: ServerOptions): Record<string, string>;
export function serverCommand(port: number): string;

export class TestServer {
  constructor(options: ServerOptions);
  options: ServerOptions;
  readonly url: string;
  readonly pid: number | undefined;
  start(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
