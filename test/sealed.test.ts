import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { version } from "../package.json";
import {
  type CompiledRuleSet,
  cohortToJSON,
  compileRuleSet,
  compileSealedRuleSet,
  KaoheError,
  openSealedRuleSet,
  outcomeToJSON,
  parseCases,
  renderExplanation,
  type SealedRuleSet,
  scoreCohort,
  scoreUnit,
  sealRuleSet,
  validateRuleSet,
} from "../src/api/kaohe.js";
import { findRuleFiles, loadRuleSetFile } from "../src/api/node.js";
import { canonicalJson, sealDigest } from "../src/load/seal.js";

/*
 * Sealed rule sets (kaohe seal, kaohe/sealed): a rule set checked at build time opens in a page
 * without the validator, and scores exactly as the rule set it came from. Anything changed after
 * sealing is refused, never scored.
 */

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";

function loaded(file = HUBEI) {
  const r = loadRuleSetFile(file);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.ruleSet;
}

/** What a build step writes and a page reads: the sealed rule set through JSON text. */
const throughJson = (s: SealedRuleSet): Record<string, unknown> => JSON.parse(JSON.stringify(s));

const codes = (r: ReturnType<typeof openSealedRuleSet>) =>
  r.ok ? [] : r.issues.map((i) => i.code);

describe("sealRuleSet and openSealedRuleSet", () => {
  it("seals with this kaohe version and a digest of the engine and the canonical content", () => {
    const rs = loaded();
    const s = sealRuleSet(rs);
    expect(s.kaoheSealed).toBe(1);
    expect(s.engine).toBe(version);
    expect(s.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(s.digest).toBe(sealDigest(version, rs));
    expect(s.ruleSet).toBe(rs);
    // The same content sealed again gives the same bytes: a build is reproducible.
    expect(JSON.stringify(sealRuleSet(loaded()))).toBe(JSON.stringify(s));
  });

  it("opens what it sealed: a copy, frozen and counted as checked, the data left as it was", () => {
    const data = throughJson(sealRuleSet(loaded()));
    const r = openSealedRuleSet(data);
    expect(Object.isFrozen(data.ruleSet)).toBe(false);
    expect(r.ok && r.ruleSet).not.toBe(data.ruleSet);
    expect(r.ok && JSON.stringify(r.ruleSet)).toBe(JSON.stringify(data.ruleSet));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(Object.isFrozen(r.ruleSet)).toBe(true);
    expect(Object.isFrozen(r.ruleSet.tree)).toBe(true);
    // Checked: compileRuleSet takes it as it is (a frozen rule set cannot be validated into a copy).
    expect(compileRuleSet(r.ruleSet).title).toBe("湖北省2009年上半年财政与编制政务公开考核");
  });

  it("opens a sealed rule set whose keys another tool wrote in another order", () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    const data = reorder(throughJson(sealRuleSet(loaded())));
    expect(Object.keys(data as object)[0]).toBe("ruleSet");
    expect(openSealedRuleSet(data).ok).toBe(true);
  });

  it("seals a rule set built in code after checking it, and refuses one that does not pass", () => {
    const rs = JSON.parse(JSON.stringify(loaded()));
    expect(openSealedRuleSet(throughJson(sealRuleSet(rs))).ok).toBe(true);
    rs.tree[0].points = -1;
    const expected = validateRuleSet(rs);
    expect(expected.ok).toBe(false);
    let err: unknown;
    try {
      sealRuleSet(rs);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KaoheError);
    expect((err as KaoheError).issues).toEqual(expected.ok ? [] : expected.issues);
  });

  it("refuses a rule set changed after sealing: a point, a clause's text, a key added or lost", () => {
    const edits: [
      string,
      (rs: Record<string, unknown> & { tree: Record<string, unknown>[] }) => void,
    ][] = [
      [
        "a node's points",
        (rs) => {
          (rs.tree[0] as { points: number }).points += 1;
        },
      ],
      [
        "the title",
        (rs) => {
          rs.title = `${rs.title} `;
        },
      ],
      [
        "a key added",
        (rs) => {
          rs.note = "x";
        },
      ],
      [
        "a key lost",
        (rs) => {
          delete rs.documents;
        },
      ],
      [
        "a number written as text",
        (rs) => {
          (rs.tree[0] as { points: unknown }).points = String(
            (rs.tree[0] as { points: number }).points,
          );
        },
      ],
    ];
    for (const [what, edit] of edits) {
      const data = throughJson(sealRuleSet(loaded())) as { ruleSet: never };
      edit(data.ruleSet);
      const r = openSealedRuleSet(data);
      expect(codes(r), what).toEqual(["E_SEALED_DIGEST"]);
      expect(r.ok ? [] : r.issues[0]?.path, what).toEqual(["digest"]);
      expect(r.ok ? "" : r.issues[0]?.message).toBe(
        "封存后规则集的内容被改动过(摘要 digest 与内容不符);请改规则文件本身,再用 kaohe seal 重新校验封存",
      );
    }
  });

  it("refuses a rule set sealed by another kaohe version, even with its digest recomputed", () => {
    const data = throughJson(sealRuleSet(loaded()));
    data.engine = "0.0.9";
    data.digest = sealDigest("0.0.9", data.ruleSet);
    const r = openSealedRuleSet(data);
    expect(codes(r)).toEqual(["E_SEALED_ENGINE"]);
    expect(r.ok ? "" : r.issues[0]?.message).toBe(
      `这份规则集是 kaohe 0.0.9 校验封存的,本页用的是 kaohe ${version};请用 kaohe ${version} 重新执行 kaohe seal`,
    );
    // The version is part of the digest: changing only the version is a changed content.
    const only = throughJson(sealRuleSet(loaded()));
    expect(sealDigest("0.0.9", only.ruleSet)).not.toBe(only.digest);
  });

  it("refuses what is not a sealed rule set, naming the field", () => {
    const good = () => throughJson(sealRuleSet(loaded()));
    const cases: [unknown, string[], string][] = [
      [null, [], "应为一个对象"],
      [[], [], "应为一个对象"],
      [loaded(), ["kaohe"], "多出了字段"],
      [{ ...good(), extra: 1 }, ["extra"], "多出了字段 extra"],
      [{ ...good(), kaoheSealed: 2 }, ["kaoheSealed"], "kaoheSealed 应为 1,实际是 2"],
      [{ ...good(), kaoheSealed: undefined }, ["kaoheSealed"], "实际是 未填写"],
      [{ ...good(), engine: 1 }, ["engine"], "engine 应为封存它的 kaohe 版本号"],
      [{ ...good(), digest: "sha256:ABC" }, ["digest"], "64 位小写十六进制数"],
      [{ ...good(), digest: `md5:${"0".repeat(64)}` }, ["digest"], "64 位小写十六进制数"],
      [{ ...good(), ruleSet: [] }, ["ruleSet"], "ruleSet 应为一个规则集对象"],
      [{ ...good(), ruleSet: "x" }, ["ruleSet"], "ruleSet 应为一个规则集对象"],
    ];
    for (const [data, path, words] of cases) {
      const r = openSealedRuleSet(data);
      expect(codes(r), JSON.stringify(path)).toEqual(["E_SEALED_FORM"]);
      expect(r.ok ? null : r.issues[0]?.path).toEqual(path);
      expect(r.ok ? "" : r.issues[0]?.message).toContain("这不是 kaohe seal 写出的封存规则集:");
      expect(r.ok ? "" : r.issues[0]?.message).toContain(words);
    }
  });

  it("refuses forbidden keys and values JSON cannot carry, even under a recomputed digest", () => {
    const withDigest = (mutate: (rs: Record<string, unknown>) => void) => {
      const data = throughJson(sealRuleSet(loaded()));
      const rs = data.ruleSet as Record<string, unknown>;
      mutate(rs);
      data.digest = `sha256:${"0".repeat(64)}`;
      return data;
    };
    const proto = withDigest((rs) => {
      Object.defineProperty(rs, "__proto__", { value: { x: 1 }, enumerable: true });
    });
    const r1 = openSealedRuleSet(proto);
    expect(codes(r1)).toEqual(["E_FORBIDDEN_KEY"]);
    expect(r1.ok ? null : r1.issues[0]?.path).toEqual(["ruleSet", "__proto__"]);
    const r2 = openSealedRuleSet(
      withDigest((rs) => {
        (rs.tree as { points: number }[])[0] = {
          ...(rs.tree as object[])[0],
          points: Number.NaN,
        } as never;
      }),
    );
    expect(codes(r2)).toEqual(["E_SEALED_FORM"]);
    expect(r2.ok ? null : r2.issues[0]?.path).toEqual(["ruleSet", "tree", 0, "points"]);
    const r3 = openSealedRuleSet(
      withDigest((rs) => {
        rs.when = new Date(0);
      }),
    );
    expect(codes(r3)).toEqual(["E_SEALED_FORM"]);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const r4 = openSealedRuleSet(
      withDigest((rs) => {
        rs.deep = deep;
      }),
    );
    expect(codes(r4)).toEqual(["E_TOO_COMPLEX"]);
    const r5 = openSealedRuleSet(
      withDigest((rs) => {
        rs.big = "x".repeat(8 * 1024 * 1024);
      }),
    );
    expect(codes(r5)).toEqual(["E_TOO_LARGE"]);
  });

  it("compileSealedRuleSet throws a KaoheError with the issue openSealedRuleSet gives", () => {
    const data = throughJson(sealRuleSet(loaded()));
    (data.ruleSet as { title: string }).title = "改过的标题";
    let err: unknown;
    try {
      compileSealedRuleSet(data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KaoheError);
    expect((err as KaoheError).issues.map((i) => i.code)).toEqual(["E_SEALED_DIGEST"]);
  });
});

describe("canonicalJson", () => {
  it("sorts keys, drops undefined members and writes no spaces", () => {
    expect(canonicalJson({ b: [1, "二", true, null], a: { d: undefined, c: 0.1 } })).toBe(
      '{"a":{"c":0.1},"b":[1,"二",true,null]}',
    );
  });
});

/** Every bundled case, as scripts/identity.mjs reads them. */
function* bundledCases() {
  const files = [...findRuleFiles("rules"), ...findRuleFiles("test/cohort-sets")];
  for (const rf of files) {
    const dir = join(dirname(rf), "cases");
    let names: string[] = [];
    try {
      names = readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort();
    } catch {
      names = [];
    }
    for (const cf of names) {
      const parsed = parseCases(readFileSync(join(dir, cf), "utf8"), cf);
      const params = parsed.parameters ? resolve(dir, parsed.parameters) : undefined;
      for (const c of parsed.cases)
        yield { rf, cf, params, readings: c.reading ?? parsed.reading ?? [], c };
    }
  }
}

describe("a sealed rule set scores every bundled case exactly as the rule set it came from", () => {
  it("byte-identical JSON (explanations included) and 扣分说明, over every case of every rule set", () => {
    const pairs = new Map<string, [CompiledRuleSet, CompiledRuleSet]>();
    let n = 0;
    for (const { rf, params, readings, c } of bundledCases()) {
      const key = `${rf}|${params}|${readings.join(",")}`;
      let pair = pairs.get(key);
      if (!pair) {
        const r = loadRuleSetFile(rf, rf, { ...(params ? { params } : {}), readings });
        if (!r.ok) continue; // cases of a rule set that does not load are the case runner's
        pair = [
          compileRuleSet(r.ruleSet),
          compileSealedRuleSet(throughJson(sealRuleSet(r.ruleSet))),
        ];
        pairs.set(key, pair);
      }
      const [plain, sealed] = pair;
      const options = { ...(c.options ?? {}), trace: true };
      if (c.units) {
        const o = c.previous ? { ...options, previous: c.previous } : options;
        expect(
          JSON.stringify(cohortToJSON(scoreCohort(sealed, c.units, o))),
          `${rf} ${c.name}`,
        ).toBe(JSON.stringify(cohortToJSON(scoreCohort(plain, c.units, o))));
      } else if (c.unit) {
        const a = scoreUnit(plain, c.unit, options);
        const b = scoreUnit(sealed, c.unit, options);
        expect(JSON.stringify(outcomeToJSON(b)), `${rf} ${c.name}`).toBe(
          JSON.stringify(outcomeToJSON(a)),
        );
        expect(renderExplanation(sealed, b)).toBe(renderExplanation(plain, a));
      }
      n++;
    }
    expect(pairs.size).toBeGreaterThanOrEqual(10);
    expect(n).toBeGreaterThanOrEqual(570);
  });
});
