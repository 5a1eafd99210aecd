/**
 * Linked findings: a finding that names another by id (`of`), such as a 批示 on an adopted piece.
 * Checked once per unit, after its facts are read: every `of` names a finding of the fact its
 * declaration links to, of a kind it may be linked to, and no chain of links comes back to where it
 * started. The finding linked to is then kept on the finding (linkOf), for the clauses that price
 * it by that finding's kind.
 */
import type { FactEnv } from "../compile/condition.js";
import { type CFact, type Finding, findingIndex, setLink } from "../compile/values.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { named } from "./facts.js";

/** A finding with where it stands: its fact and its place in that fact as given. */
interface Placed {
  fact: string;
  index: number;
  finding: Finding;
}

/** The findings of a fact in the unit's facts; none when it is absent or not applicable. */
function listOf(env: FactEnv, fact: string): readonly Finding[] {
  const v = env.get(fact);
  return Array.isArray(v) ? v : [];
}

/**
 * Checks and records every link of the unit's findings; each problem is one issue at the finding
 * (F_UNKNOWN_LINK, F_LINK_KIND, F_LINK_CYCLE, F_FACT_TYPE for a finding that must link and does
 * not). Facts are taken in declaration order and findings in their order, so the report does not
 * depend on the order of the input's keys.
 */
export function linkFindings(
  facts: ReadonlyMap<string, CFact>,
  env: FactEnv,
  errors: KaoheIssue[],
): void {
  const byId = new Map<string, Map<string, Placed>>();
  const idsOf = (fact: string): Map<string, Placed> => {
    let m = byId.get(fact);
    if (!m) {
      m = new Map();
      listOf(env, fact).forEach((finding, i) => {
        if (finding.id !== undefined)
          (m as Map<string, Placed>).set(finding.id, {
            fact,
            index: findingIndex(finding, i),
            finding,
          });
      });
      byId.set(fact, m);
    }
    return m;
  };
  const links = new Map<Finding, Placed>();
  const linking: Placed[] = [];
  for (const f of facts.values()) {
    if (!f.links || !env.has(f.id)) continue;
    const { fact: target, kinds } = f.links;
    listOf(env, f.id).forEach((x, i) => {
      const at = ["facts", f.id, findingIndex(x, i)];
      const allowed = x.kind !== undefined ? kinds?.[x.kind] : undefined;
      if (x.of === undefined) {
        if (allowed)
          errors.push(
            issue("F_FACT_TYPE", [...at, "of"], {
              ...named(f),
              expected: `它所涉及的那一条的编号 of(${x.kind}只能关联到:${allowed.join("、")})`,
              received: "未填写",
            }),
          );
        return;
      }
      const to = idsOf(target).get(x.of);
      if (!to) {
        // The fact linked to named by its label too, as the clerk knows it, not by its id alone.
        const linkedTo = named(facts.get(target) as CFact);
        errors.push(
          issue("F_UNKNOWN_LINK", [...at, "of"], { ...named(f), of: x.of, target: linkedTo }),
        );
        return;
      }
      if (allowed && (to.finding.kind === undefined || !allowed.includes(to.finding.kind))) {
        errors.push(
          issue("F_LINK_KIND", [...at, "of"], {
            ...named(f),
            kind: x.kind as string,
            of: x.of,
            linked: to.finding.kind ?? "未写种类",
            allowed: allowed.join("、"),
          }),
        );
        return;
      }
      const placed = { fact: f.id, index: findingIndex(x, i), finding: x };
      links.set(x, to);
      linking.push(placed);
    });
  }
  const cycles = reportCycles(links, linking, facts, errors);
  for (const [x, to] of links) if (!cycles.has(x)) setLink(x, to.finding);
}

/**
 * A chain of links that comes back to a finding already on it is refused once, at the first
 * finding of the loop in the order they were checked, naming the loop by its ids. Returns the
 * findings on loops, which get no link.
 */
function reportCycles(
  links: ReadonlyMap<Finding, Placed>,
  linking: readonly Placed[],
  facts: ReadonlyMap<string, CFact>,
  errors: KaoheIssue[],
): Set<Finding> {
  const done = new Set<Finding>();
  const onLoop = new Set<Finding>();
  for (const start of linking) {
    const path: Finding[] = [];
    const at = new Map<Finding, number>();
    let x: Finding | undefined = start.finding;
    while (x && !done.has(x) && !at.has(x)) {
      at.set(x, path.length);
      path.push(x);
      x = links.get(x)?.finding;
    }
    if (x && at.has(x)) {
      const loop = path.slice(at.get(x) as number);
      for (const y of loop) onLoop.add(y);
      const first = linking.find((p) => loop.includes(p.finding)) as Placed;
      const ids = [
        ...loop.slice(loop.indexOf(first.finding)),
        ...loop.slice(0, loop.indexOf(first.finding)),
      ];
      const cycle = [...ids, first.finding].map((y) => y.id ?? "(无编号)").join(" → ");
      errors.push(
        issue("F_LINK_CYCLE", ["facts", first.fact, first.index, "of"], {
          ...named(facts.get(first.fact) as CFact),
          cycle,
        }),
      );
    }
    for (const y of path) done.add(y);
  }
  return onLoop;
}
