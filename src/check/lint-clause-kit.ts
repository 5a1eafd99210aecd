/**
 * What the lint of each clause type (src/constructs/<type>/lint.ts) is given: the clause of its
 * type, where it sits, and the rule set's lint context.
 */
import type { PathSegment } from "../errors/issue.js";
import type { ClauseInput } from "../schema/ruleset.js";
import type { ClauseVisit } from "../schema/walk.js";
import type { FactTypes, LintContext } from "./lint-context.js";

export type Owner = ClauseVisit["owner"];
export type Clause<T extends ClauseInput["type"]> = Extract<ClauseInput, { type: T }>;

export type ClauseCheck<T extends ClauseInput["type"]> = (
  ctx: LintContext,
  cl: Clause<T>,
  path: PathSegment[],
  owner: Owner,
) => void;

/** The fact a clause reads, at its `fact` key. */
export const readsFact = (
  ctx: LintContext,
  cl: { fact: string },
  path: PathSegment[],
  types: FactTypes,
  use: string,
) => ctx.useFact(cl.fact, [...path, "fact"], types, use);
