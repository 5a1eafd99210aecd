/**
 * What a fact's `derive:` names (issue 11 item 2), read from the rule file as written: its one
 * operation and the facts it reads. Shared by the checks and the compiler.
 */
import type { DeriveInput } from "./ruleset.js";

export type DeriveOp = "sum" | "difference" | "ratio" | "shortfall" | "excess" | "min" | "max";
export const DERIVE_OPS: readonly DeriveOp[] = [
  "sum",
  "difference",
  "ratio",
  "shortfall",
  "excess",
  "min",
  "max",
];

/** The operation a `derive` names (the lint makes sure it names exactly one). */
export function deriveOp(d: DeriveInput): DeriveOp | undefined {
  return DERIVE_OPS.find((op) => d[op] !== undefined);
}

/** The facts a `derive` reads, in order. */
export function deriveInputs(d: DeriveInput): string[] {
  const op = deriveOp(d);
  if (op === undefined) return [];
  if (op === "shortfall" || op === "excess") {
    const q = d[op] as { of: string; quota: number | string | { fact: string } };
    return typeof q.quota === "object" ? [q.of, q.quota.fact] : [q.of];
  }
  return [...(d[op] as readonly string[])];
}
