// Generates the JSON Schema of the rule language from the zod schemas, so editors can complete
// and check YAML/JSON rule files. Run by `npm run build`; the output is committed and shipped.
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { RuleSetSchema } from "../dist/index.js";

const schema = z.toJSONSchema(RuleSetSchema, {
  io: "input",
  unrepresentable: "any",
  target: "draft-2020-12",
});
schema.$id = "https://kaohe.dev/schema/kaohe-ruleset.schema.json";
schema.title = "kaohe rule set (rule language v1)";
const out = `${JSON.stringify(schema, null, 2)}\n`;
writeFileSync(new URL("../schema/kaohe-ruleset.schema.json", import.meta.url), out);
