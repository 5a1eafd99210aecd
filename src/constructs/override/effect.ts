import type { Decimal } from "../../decimal.js";

/** C8/C9: what an override forces, with its amount. */
export interface ForcedEffect {
  type: "override";
  amount: Decimal;
  grade?: string;
  total?: Decimal;
  totalMode: "fixed" | "at-most";
  zero?: readonly string[];
  stop: boolean;
  flag?: string;
}
