/**
 * `kaohe playground`: prints the path of dist/playground.html, the offline page where a rule set
 * is edited with live errors and facts are scored in the browser (docs/playground.md). The page is
 * built by `npm run build` (scripts/build-playground.mjs) and shipped in the package.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CommandSpec, ParsedArgs } from "./options.js";

export const PLAYGROUND: CommandSpec = {
  name: "playground",
  summary: "打印离线试算页面 playground.html 的路径:用浏览器打开即可编写规则集、试算评分",
  usage: ["playground"],
  options: [],
  notes: [
    "页面是一个独立的 HTML 文件,直接从本地打开(file://),不需要服务器,也不联网:",
    "规则集边写边校验(错误标出行:列),事实可粘贴或拖入(CSV、XLSX、JSON、YAML、JSON Lines),",
    "得分、排名和扣分说明由页面中的 kaohe 计算,与 kaohe score 的结果一致。",
    "也可直接打开 node_modules/kaohe/dist/playground.html。详见 docs/playground.md。",
  ],
  examples: ["playground", "playground | xargs xdg-open      # Linux 上用默认浏览器打开"],
  exit: "0 成功;1 找不到页面(尚未构建:npm run build);2 用法错误。",
};

/**
 * The directory of this module: dist/cli in the package (the CJS build bin/kaohe.cjs runs), src/cli
 * under the tests. Without __dirname (the ESM build of the CLI, which nothing runs by default),
 * the directory of the script Node was started with. No `import.meta`: the CJS build would keep it
 * as written, a syntax error outside a module.
 */
function here(): string {
  if (typeof __dirname === "string") return __dirname;
  const script = process.argv[1];
  return script ? dirname(realpathSync(script)) : process.cwd();
}

/** The kaohe package's root: the nearest directory above this module whose package.json is kaohe's. */
export function packageRoot(from: string = here()): string | null {
  let dir = from;
  for (let up = 0; up < 4; up++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "kaohe")
          return dir;
      } catch {
        // Not a package.json kaohe can read: keep looking above it.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

export function playground(
  _p: ParsedArgs,
  io: { out(line: string): void; err(line: string): void },
): number {
  const root = packageRoot();
  const page = root === null ? null : join(root, "dist", "playground.html");
  if (page === null || !existsSync(page)) {
    io.err(
      `kaohe playground: 找不到 ${page ?? "dist/playground.html"}:页面由 npm run build 生成(安装的包中已附带)`,
    );
    return 1;
  }
  io.out(page);
  return 0;
}
