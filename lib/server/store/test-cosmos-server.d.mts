import type { Agent } from "node:https";

export interface TestCosmosServer {
  endpoint: string;
  port: number;
  key: string;
  agent: Agent;
  /** Requests served so far: the store operations an app made. */
  requestCount(): number;
  /** Stops answering (connections refused) but keeps its data in memory. */
  pause(): Promise<void>;
  /** Listens again on the same port, with the same data. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

export function startTestCosmosServer(): Promise<TestCosmosServer>;
