// The parsed form of a rules file (RFC 5228 §8.2 grammar): commands with arguments, tests and blocks; every node
// keeps its position for error messages.
import type { SourcePosition } from './errors.ts';

export type Argument =
  | { kind: 'strings'; values: string[]; at: SourcePosition }
  | { kind: 'number'; value: number; at: SourcePosition }
  | { kind: 'tag'; name: string; at: SourcePosition };

export interface TestNode {
  name: string;
  args: Argument[];
  tests: TestNode[];
  at: SourcePosition;
}

export interface CommandNode {
  name: string;
  args: Argument[];
  tests: TestNode[];
  /** present for control commands with a block (if, elsif, else) */
  block: CommandNode[] | null;
  at: SourcePosition;
}
