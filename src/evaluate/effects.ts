/**
 * What the engine itself did to a unit's score, as data, beside what its clauses did (issue 10: a
 * structured trace), and the one place its Chinese words are made from that data. Each trace
 * entry the engine writes carries one of these in `effect`; explain/ says it with `engineWords`.
 */
import { combineWords } from "../constructs/combine/compile.js";
import type { CombineEffect } from "../constructs/combine/effect.js";
import { gateWords } from "../constructs/gate/compile.js";
import type { GateEffect } from "../constructs/gate/effect.js";
import { periodsWords } from "../constructs/periods/compile.js";
import type { PeriodsTotalEffect } from "../constructs/periods/effect.js";
import { rescaleWords } from "../constructs/rescale/compile.js";
import type { RescaleEffect } from "../constructs/rescale/effect.js";
import { thresholdWords } from "../constructs/threshold/compile.js";
import type { ThresholdEffect } from "../constructs/threshold/effect.js";
import { type Decimal, dstr, roundTo } from "../decimal.js";

/** What the engine did: caps, floors, rounding, zeroing, C17 (and its rescaled total), gates and the total's fixing. */
export type EngineEffect =
  /** A node's cap on its deductions bit (扣完为止): it lost `lost`, held to `cap`. */
  | { type: "node-cap"; lost: Decimal; cap: Decimal }
  /** A node that may not go below 0 stopped there. */
  | { type: "floor" }
  /** A node's cap on its additions bit. */
  | { type: "bonus-cap"; cap: Decimal }
  /** An item outside the tree hit its cap, in its measure (`unit` 分, 元…; `label` its name). */
  | { type: "item-cap"; add: boolean; cap: Decimal; points: boolean; label: string; unit: string }
  /** Rounded as the policy says. */
  | { type: "round"; places: number }
  /** The node was scored directly: the assessors gave `score` of its `points` (评分人给分). */
  | { type: "given"; score: Decimal; points: Decimal }
  /** A veto zeroed the node (此项不得分). */
  | { type: "zero" }
  /**
   * C17: the node does not apply; its points go to its siblings (`spread` evenly, else in
   * proportion), or with `excluded` (the rule set's `rescale`) leave the applicable total.
   */
  | { type: "not-applicable"; points: Decimal; spread: boolean; excluded?: true }
  /** C17: the node received the points of siblings that do not apply (`from`, their titles). */
  | { type: "rescale"; from: string[]; points: Decimal; newPoints: Decimal }
  /**
   * C17 `rescale`: the unit's points rescaled to the stated full score: `earned` (with `items`, the
   * net of the items outside the tree counted in it) ÷ `applicable` × `to` = `exact`, rounded to
   * `places` as `score`.
   */
  | {
      type: "rescale-total";
      earned: Decimal;
      applicable: Decimal;
      to: Decimal;
      exact: Decimal;
      places: number;
      score: Decimal;
      items?: Decimal;
    }
  /** C19: a gate on the score so far. */
  | {
      type: "gate";
      score: Decimal;
      grade?: string;
      flag?: string;
      opensBonus: boolean;
      stop: boolean;
    }
  /** A veto fixed the total (`fixed`), stopped scoring (`stop`), or capped it (`ceiling`). */
  | { type: "total"; mode: "fixed" | "stop" | "ceiling"; total: Decimal }
  /** A ceiling finer than the rounding: the total held at `held`, at `places`. */
  | { type: "ceiling-held"; ceiling: Decimal; places: number; held: Decimal }
  /** C15: a threshold the figure it reads (`value`) meets, raising `flag`. */
  | { type: "threshold"; value: Decimal; flag: string }
  /** T1/T2: a part's score weighted into the total (`given`: the score was given, not scored). */
  | {
      type: "part";
      label: string;
      score: Decimal;
      percent: Decimal;
      weighted: Decimal;
      given: boolean;
    }
  /** T1/T2: the parts' weighted sum (`exact`) and the total rounded to `places`. */
  | { type: "combined"; exact: Decimal; total: Decimal; places: number }
  /** T7: a period's score in a split run (`undated`: the findings without a date counted in it). */
  | { type: "period"; label: string; score: Decimal; undated: number }
  /** T7: the periods' scores, each named, summed or averaged (`exact`), the total rounded. */
  | {
      type: "periods";
      mode: "sum" | "mean";
      terms: { label: string; score: Decimal }[];
      exact: Decimal;
      total: Decimal;
      places: number;
    };

/**
 * The members that belong to a construct's folder, spelled out in `EngineEffect` so that the
 * public API report names no new type: each must be the very type its folder declares.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _SameEffects = [
  Holds<Same<Extract<EngineEffect, { type: "gate" }>, GateEffect>>,
  Holds<Same<Extract<EngineEffect, { type: "threshold" }>, ThresholdEffect>>,
  Holds<Same<Extract<EngineEffect, { type: "part" | "combined" }>, CombineEffect>>,
  Holds<Same<Extract<EngineEffect, { type: "rescale-total" }>, RescaleEffect>>,
  Holds<Same<Extract<EngineEffect, { type: "period" | "periods" }>, PeriodsTotalEffect>>,
];

/** The explanation of what the engine did, in the words a 通报 uses. */
export function engineWords(e: EngineEffect): string {
  switch (e.type) {
    case "node-cap":
      return `本项扣分${dstr(e.lost)}分,以${dstr(e.cap)}分为限(扣完为止)`;
    case "floor":
      return "本项得分扣完为止";
    case "bonus-cap":
      return `本项加分最高${dstr(e.cap)}分`;
    case "item-cap":
      return e.points
        ? `本项${e.add ? "加" : "扣"}分最高${dstr(e.cap)}分`
        : // Another measure (奖励…元) in its own unit: "最高20" alone did not say 20 what.
          `本项${e.label}最高${dstr(e.cap)}${e.unit}`;
    case "round":
      return `按规定保留${e.places}位小数`;
    case "given":
      return `评分人给分${dstr(e.score)}分(满分${dstr(e.points)}分)`;
    case "zero":
      return "此项不得分";
    case "not-applicable":
      return `本项不适用于该单位,分值${dstr(e.points)}分${e.excluded ? "不计入适用项满分" : e.spread ? "平均计入其他指标" : "按比例计入其他指标"}`;
    case "rescale":
      return `${e.from.join("、")}不适用,本项满分由${dstr(e.points)}分调整为${dstr(roundTo(e.newPoints, 4, "half-up"))}分,得分按比例折算`;
    case "rescale-total":
      return rescaleWords(e);
    case "gate":
      return gateWords(e);
    case "total":
      return e.mode === "stop"
        ? `其他项目不再评分,总分记为${dstr(e.total)}分`
        : e.mode === "fixed"
          ? `总分记为${dstr(e.total)}分`
          : `总分不高于${dstr(e.total)}分`;
    case "ceiling-held":
      return `总分不高于${dstr(e.ceiling)}分,保留${e.places}位小数计${dstr(e.held)}分`;
    case "threshold":
      return thresholdWords(e);
    case "part":
    case "combined":
      return combineWords(e);
    case "period":
    case "periods":
      return periodsWords(e);
  }
}
