export interface ClusterInstance {
  readonly index: number;
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  ready: boolean;
}

export interface Cluster {
  url: string;
  dataDir: string;
  instances: ClusterInstance[];
  kill(index: number): Promise<void>;
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

export function ensureNginx(): void;
export function startCluster(options?: {
  instances?: number;
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  instanceEnv?: (index: number) => Record<string, string>;
}): Promise<Cluster>;
