import { type Decimal, toDecimal } from "../decimal.js";

/** A comparison's bounds (a threshold's, a gate's), parsed once. */
export interface CBounds {
  gt?: Decimal;
  gte?: Decimal;
  lt?: Decimal;
  lte?: Decimal;
}

/** Parses the bounds a comparison states; those it does not state stay absent. */
export function compileBounds(x: {
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
}): CBounds {
  return {
    ...(x.gt !== undefined ? { gt: toDecimal(x.gt) } : {}),
    ...(x.gte !== undefined ? { gte: toDecimal(x.gte) } : {}),
    ...(x.lt !== undefined ? { lt: toDecimal(x.lt) } : {}),
    ...(x.lte !== undefined ? { lte: toDecimal(x.lte) } : {}),
  };
}
