export interface EnsembleOptions {
  size?: number;
  clientPort?: number;
  peerPort?: number;
  electionPort?: number;
  dir?: string;
  tickTime?: number;
  heap?: string;
}
export interface NodeStatus {
  id: number;
  clientPort: number;
  pid: number | undefined;
  mode: "leader" | "follower" | "standalone" | "not serving" | "down" | string;
}
export interface Ensemble {
  readonly dir: string;
  readonly nodes: { id: number; clientPort: number }[];
  readonly connectionString: string;
  start(timeoutMs?: number): Promise<NodeStatus[]>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  startNode(id: number): Promise<void>;
  stopNode(id: number, signal?: NodeJS.Signals): Promise<void>;
  status(): Promise<NodeStatus[]>;
  modeOf(id: number): Promise<string>;
  waitForQuorum(timeoutMs?: number): Promise<NodeStatus[]>;
  leader(): Promise<number | undefined>;
}
export function createEnsemble(options?: EnsembleOptions): Ensemble;
export function findZookeeper(): { classpath: string; source: string };
export function fourLetterWord(port: number, word: string, timeoutMs?: number): Promise<string>;
export function isPortFree(port: number): Promise<boolean>;
export function findFreePortBase(count: number, low?: number, high?: number): Promise<number>;
