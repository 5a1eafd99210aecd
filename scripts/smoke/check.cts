// Consumer smoke test, TypeScript CommonJS: the `require` types (index.d.cts) under node16 and
// nodenext.
import kaoheNode = require("kaohe/node");
import kaohe = require("kaohe");

type IsAny<T> = 0 extends 1 & T ? true : false;
type NotAny<T> = IsAny<T> extends true ? never : true;
export const typesAreReal: [NotAny<kaohe.Decimal>, NotAny<typeof kaohe.Decimal>] = [true, true];

const crs = kaoheNode.compileRuleSetFile("rules.yaml");
const r = kaohe.scoreUnit(crs, { id: "u", facts: {} });
export const total: string | undefined = r.ok ? r.total.toFixed(2) : undefined;
