import type { Decimal } from "../../decimal.js";

/** C6: a rate's shortfall below a base, in steps, per band. */
export interface StepEffect {
  type: "step";
  rate: Decimal;
  mode: "marginal" | "whole";
  partial: "floor" | "ceil" | "prorata";
  /** marginal: one entry per band the rate is below; whole: the one (lowest) band that applies. */
  bands: {
    below: Decimal;
    /** whole: the top band's base the whole shortfall is measured from. */
    from?: Decimal;
    short: Decimal;
    per: Decimal;
    each: Decimal;
    steps: Decimal;
    amount: Decimal;
  }[];
  cap?: Decimal;
}
