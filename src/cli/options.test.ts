import { describe, expect, it } from "vitest";
import { type CommandSpec, formatHelp, nearest, parseArgs, UsageError } from "./options.js";

const SPEC: CommandSpec = {
  name: "demo",
  summary: "演示",
  usage: ["demo [--file <file>]... [--n N] [--flag] <arg>..."],
  args: "<arg>...",
  options: [
    { name: "--file", value: "<file>", repeat: true, help: "文件" },
    { name: "--n", value: "N", integer: { min: 1, max: 9 }, help: "数" },
    { name: "--flag", help: "开关" },
  ],
  examples: ["demo --n 3 a"],
  exit: "0 成功;2 用法错误。",
};

const fails = (argv: string[]) => {
  try {
    parseArgs(SPEC, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
};

describe("parseArgs", () => {
  it("reads values in both forms, repeats, flags and arguments in order", () => {
    const p = parseArgs(SPEC, ["a", "--file", "x", "--file=y", "--n", "09", "--flag", "b", "-"]);
    expect(p.all("--file")).toEqual(["x", "y"]);
    expect(p.int("--n")).toBe(9);
    expect(p.has("--flag")).toBe(true);
    expect(p.args).toEqual(["a", "b", "-"]);
    expect(p.one("--file")).toBe("x");
    expect(parseArgs(SPEC, ["--", "--flag", "-x"]).args).toEqual(["--flag", "-x"]);
    expect(parseArgs(SPEC, ["a"]).int("--n")).toBeUndefined();
  });

  it("names the option in every refusal", () => {
    expect(fails(["--fil", "x"])).toBe("未知选项 --fil,是不是 --file?");
    expect(fails(["--n", "-3"])).toContain('"-3"');
    expect(fails(["--n", "10"])).toContain("1 到 9");
    expect(fails(["--n", "1", "--n", "2"])).toBe("选项 --n 只能给一次");
    expect(fails(["--file"])).toBe("选项 --file 缺少值:--file <file>");
    expect(fails(["--file", "--flag"])).toBe("选项 --file 缺少值:其后的 --flag 是另一个选项");
    expect(fails(["--flag=no"])).toContain("--flag 不带值");
  });

  it("lets help win, and refuses the CLI's own typos loudly", () => {
    expect(parseArgs(SPEC, ["--nonsense", "-h"]).help).toBe(true);
    expect(parseArgs(SPEC, ["--", "-h"]).help).toBe(false);
    expect(() => parseArgs(SPEC, []).one("--files")).toThrow("declares no option --files");
  });
});

describe("nearest and formatHelp", () => {
  it("suggests only what is near", () => {
    expect(nearest("--fact", ["--facts", "--format"])).toBe("--facts");
    expect(nearest("--trace", ["--no-trace", "--rules"])).toBe("--no-trace");
    expect(nearest("--zzzz", ["--facts", "--format"])).toBeUndefined();
  });

  it("lists every option with its help, then the examples and exit statuses", () => {
    expect(formatHelp(SPEC)).toMatchInlineSnapshot(`
      "kaohe demo — 演示

      用法 usage:
        kaohe demo [--file <file>]... [--n N] [--flag] <arg>...

      选项 options:
        --file <file>  文件
        --n N          数
        --flag         开关
        -h, --help     显示本命令的帮助

      示例 examples:
        kaohe demo --n 3 a

      退出码 exit status: 0 成功;2 用法错误。"
    `);
  });
});
