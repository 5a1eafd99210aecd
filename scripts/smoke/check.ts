// Consumer smoke test, TypeScript: type-checked with `tsc --noEmit` under moduleResolution
// nodenext, node16 and bundler (skipLibCheck false), and run where Node strips types itself.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CompiledRuleSet, Decimal, KaoheError, scoreUnit, type UnitResult } from "kaohe";
import * as core from "kaohe/core";
import { compileRuleSetFile, loadRuleSetFile, loadUnitsFile } from "kaohe/node";
import { type Letter, lettersOf } from "kaohe/report";
import { compileSealedRuleSet, type SealedRuleSet } from "kaohe/sealed";

// Fails to compile if a public type has degraded to `any` (as Decimal did under nodenext).
type IsAny<T> = 0 extends 1 & T ? true : false;
type NotAny<T> = IsAny<T> extends true ? never : true;
export const typesAreReal: [
  NotAny<Decimal>,
  NotAny<typeof Decimal>,
  NotAny<KaoheError>,
  NotAny<CompiledRuleSet>,
  NotAny<UnitResult>,
  NotAny<ReturnType<Decimal["plus"]>>,
] = [true, true, true, true, true, true];

// @ts-expect-error: a Decimal is not a string (this line would compile if Decimal were any).
export const notAString: string = new Decimal(1);

// A compiled rule set is an opaque handle: its documented facts only, never built by hand.
// @ts-expect-error: the brand is missing, and cannot be written (kaohe does not export its symbol)
export const handmade: CompiledRuleSet = {
  id: "x",
  title: "x",
  points: new Decimal(100),
  categories: null,
  edition: null,
};

const pkg = dirname(createRequire(import.meta.url).resolve("kaohe/package.json"));
const crs: CompiledRuleSet = compileRuleSetFile(
  join(pkg, "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"),
);
const facts: [string, string, string | undefined] = [crs.id, crs.title, crs.categories?.[0]];
// @ts-expect-error: the compiled form (plans, clauses) is not part of the API
export const plans: unknown = crs.plans;
if (facts[0] !== "hubei/caizheng-bianzhi-2009-h1" || !crs.points.equals(100))
  throw new Error(`compiled rule set: ${facts.join(" ")}`);
const { units } = loadUnitsFile(fileURLToPath(new URL("units.yaml", import.meta.url)));
const unit = units.find((u) => u.id === "某某县");
if (!unit) throw new Error("no unit 某某县");
const r = scoreUnit(crs, unit);
if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
const total: Decimal = r.total;
// kaohe/core's types are kaohe's: its handle is kaohe's CompiledRuleSet, its outcome kaohe's.
const viaCore: UnitResult | { ok: false } = core.scoreUnit(crs, unit);
if (!viaCore.ok || !viaCore.total.equals(total)) throw new Error("kaohe/core scored differently");
const text: string = total.plus(new Decimal("0.3")).toFixed(1);
if (text !== "68.0") throw new Error(`expected 68.0, got ${text}`);
try {
  compileRuleSetFile("no/such/rules.yaml");
} catch (e) {
  if (!(e instanceof KaoheError)) throw e;
  const code: string = e.issues[0]?.code ?? "";
  if (code !== "E_FILE") throw new Error(code);
}
// kaohe/sealed: a sealed rule set is plain JSON data; its handle is kaohe's CompiledRuleSet.
const sealedRules: SealedRuleSet = JSON.parse(
  JSON.stringify(
    core.sealRuleSet(
      (() => {
        const r = loadRuleSetFile(join(pkg, "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"));
        if (!r.ok) throw new Error("the 湖北 set does not load");
        return r.ruleSet;
      })(),
    ),
  ),
);
const fromSeal: CompiledRuleSet = compileSealedRuleSet(sealedRules);
const viaSeal = scoreUnit(fromSeal, unit);
if (!viaSeal.ok || !viaSeal.total.equals(total)) throw new Error("kaohe/sealed scored differently");
// kaohe/report takes kaohe's handle and units; a letter is plain text data.
const letter: Letter | undefined = lettersOf(crs, units, { units: ["某某县"] })[0];
const regained: string | null | undefined = letter?.fixes[0]?.regained;
if (regained !== "6") throw new Error(`letter: ${regained}`);
console.log(`ts ok (node ${process.version}): 某某县 ${total.toFixed()}`);
