/**
 * Items scored directly (评分人给分): a tree node whose score the assessors write by hand in a
 * 评分表, read from a declared fact of the unit instead of computed from clauses.
 */
import type { NodeInput } from "../schema/ruleset.js";

/** A node scored directly: the fact holding its score, and the decimal places it may have. */
export interface CGiven {
  fact: string;
  places: number;
}

/** Compiles a node's `given`; `places` defaults to the places the policy rounds the total to. */
export function compileGiven(g: NonNullable<NodeInput["given"]>, policyPlaces: number): CGiven {
  return { fact: g.fact, places: g.places ?? policyPlaces };
}
