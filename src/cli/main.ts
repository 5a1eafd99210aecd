import { version } from "../../package.json";
import { type CohortOptions, scoreCohortLazily } from "../cohort/cohort.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { selectVersion } from "../compile/versions.js";
import { formatIssue, issue, KaoheError } from "../errors/issue.js";
import { cohortRunToJSON } from "../explain/cohort-json.js";
import { factsSchemaOf } from "../explain/facts-schema.js";
import { writeJsonPretty } from "../explain/json-pretty.js";
import { locateRun } from "../explain/locate.js";
import { renderExplanation, renderRanking } from "../explain/render.js";
import { loadHolidayYears } from "../load/calendar-file.js";
import {
  findRuleFiles,
  loadRuleSetFile,
  type RuleSetTestReport,
  readTextFile,
  testRuleFile,
} from "../node/index.js";
import { manifestFile, type RunManifest, recordingCalendar } from "../node/manifest.js";
import { createService, DEFAULT_LIMITS } from "../server/service.js";
import { type Calendar, CalendarYearError, CN_CALENDAR } from "../time/calendar.js";
import { addMonths, addYears, formatDate, parseDate } from "../time/date.js";
import { DIFF, diff } from "./diff.js";
import { LETTERS, letters } from "./letters.js";
import {
  type CommandSpec,
  formatHelp,
  nearest,
  type ParsedArgs,
  parseArgs,
  UsageError,
} from "./options.js";
import { PLAYGROUND, playground } from "./playground.js";
import { createProgress } from "./progress.js";
import { RENDER, render } from "./render.js";
import { REPORT, report } from "./report.js";
import { loadRulesOption, RULE_OPTIONS, readFactsOption, runOptions } from "./run-options.js";
import { SEAL, seal } from "./seal.js";
import { verifyResult } from "./verify.js";
import { type ResultFormat, writeResults, writeTemplate } from "./write-sheets.js";

const EXIT = "0 成功;1 文件有错、有单位未评分或用例失败;2 用法错误。";

const CHECK: CommandSpec = {
  name: "check",
  summary: "校验规则文件(模板连同其参数文件)并检查常见问题",
  usage: ["check <rule-file>... [--params <file>] [--reading <id>]..."],
  args: "<rule-file>...",
  options: [
    { name: "--params", value: "<file>", help: "模板规则集的参数文件(对所列每个规则文件都用它)" },
    {
      name: "--reading",
      value: "<id>",
      repeat: true,
      help: "模板中有歧义的条款按这种解读(readings 中声明);按条款取代参数文件选定的解读",
    },
  ],
  examples: [
    "check rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml",
    "check rules/guizhou/wudang-2018/rules.yaml \\\n" +
      "        --params rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
  ],
  exit: "0 全部无误(可有警告);1 有文件出错;2 用法错误(如未指定规则文件)。",
};

const TEST: CommandSpec = {
  name: "test",
  summary: "运行各规则集 cases/ 中的用例",
  usage: ["test [path]... [--coverage] [--reading <id>]..."],
  args: "[path]...",
  options: [
    {
      name: "--reading",
      value: "<id>",
      repeat: true,
      help: "没有写 reading 的用例(及其用例文件)按这种解读运行",
    },

    {
      name: "--coverage",
      help: "列出各规则集中用例覆盖与未覆盖的条款结果;有 coverage.yaml 的规则集按其记录核对",
    },
  ],
  notes: [
    "path 下(默认 rules)每个含 rules.yaml/rules.yml/rules.json 的目录为一个规则集;",
    "每个用例一行,最后一行为“N passed, N failed”。",
    "--coverage:每个规则集再打印“覆盖 N/M 项”和未覆盖的各项;规则文件旁有 coverage.yaml 时,",
    "未覆盖而未在其中写明原因的、或已覆盖却仍列在其中的,都算失败。",
    "--reading:用例或用例文件写了 reading 的,按它自己的解读;没有声明这种解读的规则集不能加载。",
  ],
  examples: ["test", "test rules/hubei", "test rules test/cohort-sets", "test rules --coverage"],
  exit: "0 至少一个用例通过且无失败;1 有失败,或一个用例也没有运行;2 用法错误。",
};

const SCORE: CommandSpec = {
  name: "score",
  summary: "按规则文件为事实文件中的各单位评分,整体排名、定等次并统计",
  usage: [
    "score --rules <file> [--params <file>] [--reading <id>]... --facts <file> [--format json|text] [--no-trace]",
    "      [--format csv|xlsx|jsonl --out <file, prefix or dir/>]",
    "      [--as-of YYYY-MM-DD] [--window FROM..TO] [--previous <file>] [--strict]",
    "score --rules <file> --rules <file>... --facts <file> --period YYYY-MM-DD …",
    "score --rules <template> --params <file> --params <file>... --facts <file> --period YYYY-MM-DD …",
  ],
  options: [
    {
      name: "--rules",
      value: "<file>",
      repeat: true,
      help: "规则文件(必需);给出多个版本时由 --period 选用",
    },
    {
      name: "--params",
      value: "<file>",
      repeat: true,
      help: "模板规则集的参数文件;给出多个时由 --period 选用",
    },
    {
      name: "--reading",
      value: "<id>",
      repeat: true,
      help: "模板中有歧义的条款按这种解读(readings 中声明);按条款取代参数文件选定的解读",
    },

    {
      name: "--facts",
      value: "<file>",
      repeat: true,
      help: "事实文件(必需):.yaml、.json、.csv、.xlsx、.jsonl;单位表(宽表)与问题清单(长表)可各给一个",
    },
    {
      name: "--layout",
      value: "wide|long",
      choices: ["wide", "long"],
      help: "表格的布局:wide 每行一个单位,long 每行一条问题;默认按表头判断(有“事实”列即 long)",
    },
    {
      name: "--sheet",
      value: "<name>",
      help: "XLSX:只读这个工作表(默认读“单位”和“问题”,否则第一个)",
    },
    {
      name: "--max-rows",
      value: "N",
      integer: { min: 1, max: 5_000_000 },
      help: "表格(CSV、XLSX、JSON Lines)每个工作表最多读的数据行数,默认 200000,最多 5000000",
    },
    {
      name: "--format",
      value: "json|text|csv|xlsx|jsonl",
      choices: ["json", "text", "csv", "xlsx", "jsonl"],
      help: "输出格式,默认 json;text 为中文扣分说明与排名;csv、xlsx、jsonl 为得分、扣分、标记三张表及运行清单,写到 --out",
    },
    {
      name: "--out",
      value: "<path>",
      help: "csv/jsonl:<path>-scores.csv 等三个文件和 <path>-manifest.json(<path> 为目录或以 / 结尾时写在其中);xlsx:一个工作簿,第4个工作表为运行清单。已有的文件被覆盖",
    },
    { name: "--no-trace", help: "JSON 输出不含各单位的 trace(text 输出总有说明)" },
    {
      name: "--as-of",
      value: "YYYY-MM-DD",
      help: "截至日期:届时未办且已逾期的计为未办(T4、T7)",
    },
    { name: "--window", value: "FROM..TO", help: "本次考核期,收窄规则集的考核期(T3、T7)" },
    {
      name: "--previous",
      value: "<file>",
      help: "上次的结果,用于比较(K4)和按上年计算的事实(K5)",
    },
    {
      name: "--period",
      value: "YYYY-MM-DD",
      help: "给出多个版本时:选用此日有效的版本(T6)",
    },
    {
      name: "--calendar",
      value: "<file>",
      repeat: true,
      help: "补充或更正某年的放假安排(YAML/JSON,按国务院办公厅通知);内置 2008–2026 年",
    },
    {
      name: "--strict",
      help: "严格模式:警告(如比率写成 0.875)也算错误;有警告或有单位未评分即退出码 1",
    },
  ],
  notes: [
    "问题逐行写到标准错误:file:line:column: error CODE message (at path)。",
    "事实文件不存在、为空或没有列出单位时不评分,退出码 1。",
  ],
  examples: [
    "score --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml \\\n" +
      "        --facts examples/hubei-2009-h1-units.yaml --format text",
    "score --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml \\\n" +
      "        --facts examples/hubei-2009-h1-units.yaml --no-trace --strict > result.json",
    "score --rules rules.yaml --facts units.yaml --calendar 2027.yaml   # 补充 2027 年放假安排",
  ],
  exit: "0 每个单位都已评分且没有问题(--strict 下也没有警告);1 规则或事实文件有错、有单位未评分;2 用法错误。",
};

/** --days and --workdays: ten years is far beyond any 期限 a 考核 document sets (at most 3660 days). */
const MAX_DAYS = 3660;

const DEADLINE: CommandSpec = {
  name: "deadline",
  summary: "按国家法定工作日(节假日与调休)计算期限",
  usage: [
    "deadline --from YYYY-MM-DD (--workdays N | --days N | --months N | --years N) [--count-start] [--calendar <file>]",
  ],
  options: [
    { name: "--from", value: "YYYY-MM-DD", help: "起算日(必需)" },
    {
      name: "--workdays",
      value: "N",
      integer: { min: 0, max: MAX_DAYS },
      help: `起算日后第 N 个工作日,N 为 0–${MAX_DAYS}`,
    },
    {
      name: "--days",
      value: "N",
      integer: { min: 0, max: MAX_DAYS },
      help: `起算日后第 N 个自然日,N 为 0–${MAX_DAYS}`,
    },
    {
      name: "--months",
      value: "N",
      integer: { min: 0, max: 120 },
      help: "起算日 N 个月后的同一日(该月没有这一日的,取该月最后一天),N 为 0–120",
    },
    {
      name: "--years",
      value: "N",
      integer: { min: 0, max: 10 },
      help: "起算日 N 年后的同一日(2024-02-29 加 1 年为 2025-02-28),N 为 0–10",
    },
    { name: "--count-start", help: "起算日本身算第 1 天(N 须至少为 1)" },
    {
      name: "--calendar",
      value: "<file>",
      repeat: true,
      help: "补充或更正某年的放假安排(YAML/JSON,按国务院办公厅通知);内置 2008–2026 年",
    },
  ],
  notes: ["--workdays、--days、--months 与 --years 须给出且只给出一个。"],
  examples: [
    "deadline --from 2025-09-26 --workdays 20      # 2025-10-30(国庆中秋,调休)",
    "deadline --from 2025-09-26 --days 20          # 2025-10-16",
    "deadline --from 2025-10-09 --workdays 1 --count-start   # 2025-10-09",
    "deadline --from 2024-02-29 --years 1          # 2025-02-28(当月最后一天)",
    "deadline --from 2026-12-20 --workdays 20 --calendar 2027.yaml   # 2027 年按所给通知",
  ],
  exit: "0 成功;1 日历未收录所到的年份(F_CALENDAR_YEAR);2 用法错误。",
};

const TEMPLATE: CommandSpec = {
  name: "template",
  summary: "为规则集生成空白的填报表(XLSX 带下拉选项和数值范围,或 CSV)",
  usage: [
    "template --rules <file> [--params <file>] [--reading <id>]... [--layout wide|long] [--category <c>]",
    "      --out <file.xlsx|file.csv>",
  ],
  options: [
    ...RULE_OPTIONS,
    {
      name: "--layout",
      value: "wide|long",
      choices: ["wide", "long"],
      help: "wide(默认):每个单位一行、每个事实一列;long:每条问题一行(问题清单)",
    },
    { name: "--category", value: "<c>", help: "只列出该类别单位要填的事实" },
    {
      name: "--out",
      value: "<file>",
      help: "输出文件(必需):.xlsx 或 .csv;已有的文件被覆盖",
    },
  ],
  notes: [
    "第1行为列名,第2、3行以 # 开头,写明各列的填法、范围和说明(读取时跳过);从第4行起填写。",
    "事实列名用规则集中的中文名称;按月(季)填写的事实每期一列,列名如 名称[2009-01]。",
    "写 XLSX 需要可选依赖 fflate(npm install fflate)。",
  ],
  examples: [
    "template --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml --out 填报表.xlsx",
    "template --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml --layout long --out 问题.csv",
  ],
  exit: "0 成功;1 规则文件有错或无法写入;2 用法错误。",
};

const VERIFY: CommandSpec = {
  name: "verify",
  summary: "按结果中的运行清单重新计算,逐字节复核 kaohe score 的 JSON 结果",
  usage: ["verify <result.json>"],
  args: "<result.json>",
  options: [],
  notes: [
    "kaohe score 的 JSON 结果带有 manifest(运行清单):kaohe 版本、规则集及其 SHA-256、参数文件、",
    "事实文件和上次结果的 SHA-256、运行选项、用到的工作日历年份。verify 先核对每个输入文件的",
    "SHA-256 是否未变,再用同样的文件和选项重新计算,与结果文件逐字节比较(单位申诉复核时使用)。",
    "文件路径按结果中记录的原样解析:请在当初运行 kaohe score 的目录下运行。",
  ],
  examples: [
    "score --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml \\\n" +
      "        --facts examples/hubei-2009-h1-units.yaml > result.json",
    "verify result.json",
  ],
  exit: "0 复核一致;1 输入文件已改动、缺失,或重新计算的结果不同;2 用法错误。",
};

const SCHEMA: CommandSpec = {
  name: "schema",
  summary: "输出某规则集事实文件的 JSON Schema,供报送系统在提交前自行校验",
  usage: ["schema --facts <rule-file> [--params <file>] [--reading <id>]..."],
  options: [
    { name: "--facts", value: "<rule-file>", help: "规则文件(必需):输出其事实文件的 JSON Schema" },
    ...RULE_OPTIONS.slice(1),
  ],
  notes: [
    "输出 JSON Schema(draft 2020-12):规则集的每个事实、类型、取值范围,中文名称为 title;",
    "由规则集计算的事实(derive、全体计算)和未声明的事实不得填写。是否必须填写不在其中:",
    "这取决于单位类别和缺项规则,kaohe 评分时逐项报出(F_MISSING_FACT)。",
    "规则文件本身的 JSON Schema 随包发布:kaohe/schema.json。",
  ],
  examples: ["schema --facts rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml > facts.schema.json"],
  exit: "0 成功;1 规则文件有错;2 用法错误。",
};

const SERVE: CommandSpec = {
  name: "serve",
  summary: "以 HTTP 服务提供规则目录中的规则集:评分、说明、校验(只读)",
  usage: [
    "serve [dir] [--host <addr>] [--port N] [--max-body BYTES] [--max-units N]",
    "      [--timeout MS] [--concurrency N]",
  ],
  args: "[dir]",
  options: [
    { name: "--host", value: "<addr>", help: "监听的地址,默认 127.0.0.1(只接受本机的连接)" },
    {
      name: "--port",
      value: "N",
      integer: { min: 0, max: 65535 },
      help: "端口,默认 8080;0 为任一空闲端口",
    },
    {
      name: "--max-body",
      value: "BYTES",
      integer: { min: 1024, max: 64 * 1024 * 1024 },
      help: `请求体最大字节数,默认 ${DEFAULT_LIMITS.maxBodyBytes}`,
    },
    {
      name: "--max-units",
      value: "N",
      integer: { min: 1, max: 1_000_000 },
      help: `一次请求最多的单位数,默认 ${DEFAULT_LIMITS.maxUnits}`,
    },
    {
      name: "--timeout",
      value: "MS",
      integer: { min: 100, max: 3_600_000 },
      help: `每个请求(读取请求体与评分)最长的毫秒数,默认 ${DEFAULT_LIMITS.timeoutMs}`,
    },
    {
      name: "--concurrency",
      value: "N",
      integer: { min: 1, max: 1024 },
      help: `同时处理的请求数上限,更多的请求得到 503 H_BUSY;默认 ${DEFAULT_LIMITS.maxConcurrent}`,
    },
  ],
  notes: [
    "dir 下(默认 rules)每个含 rules.yaml 的目录为一个规则集;模板连同其 params/ 中的每个参数文件各为一个版本。",
    "启动时全部载入并检查,有任何问题即不启动(退出码 1)。收到 SIGHUP 时重新载入;新的有问题则仍用原来的。",
    "环境变量 KAOHE_TOKEN 设了时,除 /health 外的请求须带 Authorization: Bearer <令牌>。",
    "地址:GET /health、/openapi.json、/rulesets、/rulesets/<id>、/rulesets/<id>/tree、/rulesets/<id>/facts;",
    "POST /rulesets/<id>/score(一个单位)、/rulesets/<id>/cohort(同 kaohe score 的 JSON)、",
    "/rulesets/<id>/explain(扣分说明文字)、/check(校验规则文本)。详见 docs/server.md。",
    "例:curl -H 'Content-Type: application/yaml' --data-binary @units.yaml \\",
    "      'http://127.0.0.1:8080/rulesets/hubei/caizheng-bianzhi-2009-h1/cohort?file=units.yaml'",
  ],
  examples: [
    "serve rules --port 8080",
    "serve rules --port 0 --timeout 5000 --max-units 1000",
    "serve rules --host 0.0.0.0      # 先设 KAOHE_TOKEN=<令牌>(至少 8 个字符)",
  ],
  exit: "0 正常停止(SIGTERM、SIGINT);1 规则集有错或无法监听;2 用法错误。",
};

const COMMANDS: Record<
  string,
  { spec: CommandSpec; run: (p: ParsedArgs, io: Io) => number | Promise<number> }
> = {
  check: { spec: CHECK, run: check },
  seal: { spec: SEAL, run: seal },
  test: { spec: TEST, run: test },
  score: { spec: SCORE, run: score },
  deadline: { spec: DEADLINE, run: deadline },
  template: { spec: TEMPLATE, run: template },
  verify: { spec: VERIFY, run: verify },
  schema: { spec: SCHEMA, run: schema },
  serve: { spec: SERVE, run: serve },
  render: { spec: RENDER, run: render },
  diff: { spec: DIFF, run: diff },
  report: { spec: REPORT, run: (p, io) => report(p, io) },
  playground: { spec: PLAYGROUND, run: playground },
  letters: { spec: LETTERS, run: letters },
};

function usage(): string {
  const line = (left: string, right: string) =>
    left.length < 48 ? `  ${left.padEnd(48)}${right}` : `  ${left}\n  ${"".padEnd(48)}${right}`;
  return [
    `kaohe ${version} — 考核规则即数据:精确评分,逐项说明 (assessment rules as data, scored exactly and explained)`,
    "",
    "用法 usage:",
    line("kaohe check <rule-file>... [--params <file>]", CHECK.summary),
    line("kaohe seal <rule-file> [--out <file.json>]", SEAL.summary),
    line("kaohe test [path]...", TEST.summary),
    line("kaohe score --rules <file> --facts <file> [options]", SCORE.summary),
    line(
      "kaohe deadline --from <date> (--workdays N | --days N | --months N | --years N)",
      DEADLINE.summary,
    ),
    line("kaohe template --rules <file> --out <file.xlsx|file.csv>", TEMPLATE.summary),
    line("kaohe verify <result.json>", VERIFY.summary),
    line("kaohe schema --facts <rule-file>", SCHEMA.summary),
    line("kaohe serve [dir] [--port N]", SERVE.summary),
    line("kaohe render --rules <file> --format md|html|xlsx|docx", RENDER.summary),
    line("kaohe diff <old> <new> [--format text|json]", DIFF.summary),
    line("kaohe report --rules <file> --facts <file> --out <report.html>", REPORT.summary),
    line("kaohe playground", PLAYGROUND.summary),
    line("kaohe letters --rules <file> --facts <file> --out <dir>", LETTERS.summary),
    line("kaohe help [command]", "帮助;kaohe <command> --help 列出该命令的全部选项和示例"),
    line("kaohe --version", "版本号"),
    "",
    `退出码 exit status: ${EXIT}`,
  ].join("\n");
}

/** Output sinks, so that tests can capture what the CLI prints. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const closed = { out: false, err: false };

const processIo: Io = {
  out: (l) => {
    if (!closed.out) process.stdout.write(`${l}\n`);
  },
  err: (l) => {
    if (!closed.err) process.stderr.write(`${l}\n`);
  },
};

let pipesGuarded = false;

/**
 * A reader that stops early (`kaohe test rules | head -1`) closes the pipe. What it did not read is
 * dropped without a stack trace and the exit status stays the command's own, so a pipeline under
 * `set -o pipefail` still fails when cases fail.
 */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  const guard = (stream: NodeJS.WriteStream, key: keyof typeof closed) =>
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      closed[key] = true;
    });
  guard(process.stdout, "out");
  guard(process.stderr, "err");
}

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code — or,
 * for a command that writes asynchronously (DOCX: `kaohe render`, `kaohe letters`), a promise of it.
 */
export function run(argv: string[], io: Io = processIo): number | Promise<number> {
  if (io === processIo) guardPipes();
  const [cmd, ...args] = argv;
  if (cmd === undefined) {
    io.err(usage());
    return 2;
  }
  if (cmd === "--version" || cmd === "-V") {
    io.out(`kaohe ${version}`);
    return 0;
  }
  if (cmd === "help" || cmd === "--help" || cmd === "-h") {
    if (!args.length) {
      io.out(usage());
      return 0;
    }
    const topic = commandNamed(args[0] as string);
    if (!topic || args.length > 1) {
      io.err(topic ? "kaohe help: 只接受一个命令名" : unknownCommand(args[0] as string));
      return 2;
    }
    io.out(formatHelp(topic.spec));
    return 0;
  }
  const command = commandNamed(cmd);
  if (!command) {
    io.err(cmd.startsWith("-") ? unknownTopOption(cmd) : unknownCommand(cmd));
    return 2;
  }
  try {
    const parsed = parseArgs(command.spec, args);
    if (parsed.help) {
      io.out(formatHelp(command.spec));
      return 0;
    }
    const code = command.run(parsed, io);
    return typeof code === "number" ? code : code.catch((e: unknown) => usageFailed(cmd, e, io));
  } catch (e) {
    return usageFailed(cmd, e, io);
  }
}

/** A usage error's message and the exit status 2; anything else is thrown on. */
function usageFailed(cmd: string, e: unknown, io: Io): number {
  if (!(e instanceof UsageError)) throw e;
  io.err(`kaohe ${cmd}: ${e.message}`);
  io.err(`(kaohe ${cmd} --help 列出全部选项)`);
  return 2;
}

/** The command of that name; never one of Object's own properties (`kaohe constructor`). */
function commandNamed(name: string) {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

function unknownCommand(cmd: string): string {
  const near = nearest(cmd, Object.keys(COMMANDS));
  return `kaohe: 未知命令 "${cmd}"${near ? `,是不是 ${near}?` : ""}(kaohe help 列出全部命令)`;
}

function unknownTopOption(opt: string): string {
  const near = nearest(opt, ["--help", "--version"]);
  return `kaohe: 未知选项 ${opt}${near ? `,是不是 ${near}?` : ""}(kaohe help 列出全部命令)`;
}

function check(p: ParsedArgs, io: Io): number {
  const params = p.one("--params");
  const readings = p.all("--reading");
  const files = p.args;
  if (!files.length) throw new UsageError("请至少指定一个规则文件");
  let failed = 0;
  for (const f of files) {
    const r = loadRuleSetFile(f, f, { ...(params ? { params } : {}), readings });
    if (!r.ok) {
      failed++;
      for (const i of r.issues) io.err(formatIssue(i));
      continue;
    }
    for (const w of r.warnings) io.err(formatIssue(w));
    // A template's parameters are named, and an unofficial allocation says so.
    const ed = r.ruleSet.edition;
    const edition = ed ? `, parameters ${ed.id}${ed.official ? "" : " (unofficial)"}` : "";
    const inForce = r.ruleSet.reading?.length ? `, reading ${r.ruleSet.reading.join(", ")}` : "";
    io.out(
      `${f}: ok (${r.ruleSet.id}${edition}${inForce}${r.warnings.length ? `, ${r.warnings.length} warning(s)` : ""})`,
    );
  }
  return failed ? 1 : 0;
}

/** `kaohe test --coverage`: a rule set's coverage, and its record's verdict (failures counted). */
function printCoverage(rep: RuleSetTestReport, io: Io): number {
  const { covered, total, lines } = rep.coverage;
  const share = total ? ((covered / total) * 100).toFixed(1) : "100.0";
  io.out(`覆盖 ${rep.ruleFile}:${covered}/${total} 项(${share}%)`);
  for (const l of lines) if (l.cases.length === 0) io.out(`     未覆盖 ${l.key}`);
  for (const i of rep.coverageIssues) io.out(`FAIL ${formatIssue(i)}`);
  return rep.coverageIssues.length;
}

function test(p: ParsedArgs, io: Io): number {
  const roots = p.args.length ? p.args : ["rules"];
  const coverage = p.has("--coverage");
  const reading = p.all("--reading");
  let passed = 0;
  let failed = 0;
  for (const root of roots) {
    let files: string[];
    try {
      files = findRuleFiles(root);
    } catch (e) {
      io.err(`kaohe test: 无法读取 ${root}:${(e as Error).message}`);
      failed++;
      continue;
    }
    if (!files.length) io.err(`kaohe test: ${root} 下没有规则集`);
    for (const f of files) {
      const rep = testRuleFile(f, undefined, reading.length ? { reading } : {});
      if (rep.issues.length) {
        failed++;
        io.err(`FAIL ${rep.ruleFile} (rule set does not load)`);
        for (const i of rep.issues) io.err(`  ${formatIssue(i)}`);
        continue;
      }
      for (const w of rep.warnings) io.err(`  ${formatIssue(w)}`);
      for (const r of rep.reports) {
        for (const i of r.issues) {
          failed++;
          io.err(`FAIL ${formatIssue(i)}`);
        }
        for (const c of r.cases) {
          const under = c.reading ? `(解读:${c.reading.join("、")})` : "";
          if (c.passed) {
            passed++;
            io.out(`ok   ${r.file} › ${c.name}${under}`);
          } else {
            failed++;
            io.out(`FAIL ${r.file} › ${c.name}${under}`);
            for (const x of c.problems) io.out(`     ${x}`);
          }
        }
      }
      if (coverage) failed += printCoverage(rep, io);
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed || passed === 0 ? 1 : 0;
}

/**
 * The official calendar with the years of every --calendar file added (a year already built in is
 * replaced: a corrected notice wins). Null when a file cannot be read or has problems, which are
 * printed with file, line and column.
 */
export function calendarOption(p: ParsedArgs, io: Io): Calendar | null {
  let cal = CN_CALENDAR;
  let ok = true;
  for (const file of p.all("--calendar")) {
    const read = readTextFile(file);
    const loaded =
      read.text !== undefined
        ? loadHolidayYears(read.text, file)
        : { years: [], issues: read.issue ? [read.issue] : [] };
    for (const i of loaded.issues) io.err(formatIssue(i));
    if (loaded.issues.length) ok = false;
    for (const y of loaded.years) cal = cal.withYear(y);
  }
  return ok ? cal : null;
}

function deadline(p: ParsedArgs, io: Io): number {
  const from = p.one("--from");
  if (from === undefined) throw new UsageError("缺少必需的选项 --from YYYY-MM-DD");
  const start = parseDate(from);
  if (start === null) throw new UsageError(`--from 须为实际存在的日期 YYYY-MM-DD,而不是 "${from}"`);
  const workdays = p.int("--workdays");
  const days = p.int("--days");
  const months = p.int("--months");
  const years = p.int("--years");
  const given = [workdays, days, months, years].filter((x) => x !== undefined);
  if (given.length !== 1)
    throw new UsageError("--workdays N、--days N、--months N 与 --years N 须给出且只给出一个");
  const n = given[0] as number;
  const countStart = p.has("--count-start");
  // With --count-start the start is day 1, so there is no day 0: 0 would fall before the start.
  if (countStart && n < 1) throw new UsageError("--count-start 把起算日算作第 1 天,N 须至少为 1");
  const calendar = calendarOption(p, io);
  if (calendar === null) return 1;
  try {
    const back = countStart ? 1 : 0;
    const due =
      workdays !== undefined
        ? calendar.addWorkdays(from, workdays, { countStart })
        : months !== undefined
          ? formatDate(addMonths(start, months) - back)
          : years !== undefined
            ? formatDate(addYears(start, years) - back)
            : formatDate(start + n - back);
    if (parseDate(due) === null) throw new UsageError(`期限超出可表示的日期范围(9999-12-31 之后)`);
    io.out(due);
    return 0;
  } catch (e) {
    if (e instanceof CalendarYearError) {
      io.err(
        formatIssue(
          issue("F_CALENDAR_YEAR", [], { year: e.year, covered: calendar.years.join(", ") }),
        ),
      );
      return 1;
    }
    throw e;
  }
}

function score(p: ParsedArgs, io: Io): number {
  const ruleFiles = p.all("--rules");
  const paramFiles = p.all("--params");
  const factsFiles = p.all("--facts");
  const facts = factsFiles[0];
  const format = p.one("--format") ?? "json";
  const period = p.one("--period");
  const strict = p.has("--strict");
  const out = p.one("--out");
  if ((out === undefined) !== (format === "json" || format === "text"))
    throw new UsageError(
      out === undefined
        ? `--format ${format} 写文件,请用 --out <path> 指明写到哪里`
        : `--out 只用于 --format csv、xlsx 或 jsonl;json 和 text 写到标准输出`,
    );
  if (!ruleFiles.length) throw new UsageError("缺少必需的选项 --rules <file>");
  if (facts === undefined) throw new UsageError("缺少必需的选项 --facts <file>");
  if (ruleFiles.length > 1 && paramFiles.length > 1)
    throw new UsageError("多个版本须是多个 --rules,或同一模板的多个 --params,不能两者都给多个");
  const versions = Math.max(ruleFiles.length, paramFiles.length);
  if (versions > 1 && period === undefined)
    throw new UsageError("给出了多个版本,请用 --period YYYY-MM-DD 指明考核日期以选用版本");
  if (versions === 1 && period !== undefined)
    throw new UsageError(
      "--period 用于在多个版本(多个 --rules 或 --params)中选用,只有一个版本时不用",
    );
  if (period !== undefined && parseDate(period) === null)
    throw new UsageError(`--period 须为实际存在的日期 YYYY-MM-DD,而不是 "${period}"`);
  // T6: several versions (rule files, or parameters files of one template) may be given; the
  // one in force on --period is chosen, and overlapping versions are an error.
  const rules = ruleFiles[0] as string;
  const candidates: { rules: string; params?: string }[] =
    paramFiles.length > 1
      ? paramFiles.map((x) => ({ rules, params: x }))
      : ruleFiles.map((r) => ({ rules: r, ...(paramFiles[0] ? { params: paramFiles[0] } : {}) }));
  const compiled: CompiledRuleSet[] = [];
  const sources = new Map<CompiledRuleSet, { rules: string; params?: string }>();
  for (const c of candidates) {
    const loaded = loadRulesOption(p, io, c.rules, c.params);
    if (!loaded) return 1;
    const one = compileRuleSet(loaded.ruleSet);
    compiled.push(one);
    sources.set(one, c);
  }
  let crs = compiled[0] as CompiledRuleSet;
  if (compiled.length > 1) {
    const pick = selectVersion(compiled, period as string);
    if (!pick.ok) {
      for (const i of pick.issues) io.err(formatIssue(i));
      return 1;
    }
    crs = pick.ruleSet;
    io.err(
      `kaohe score: 选用 ${crs.id}${crs.edition ? ` 与 ${crs.edition.id}` : ""}(${period} 时有效)`,
    );
  }
  const read = readFactsOption(p, io, "score", crs, factsFiles, p.int("--max-rows"));
  if (!read) return 1;
  const { units, issues, locate } = read;
  const trace = format !== "json" || !p.has("--no-trace");
  // The calendar records the years it is asked about, for the run manifest.
  const official = calendarOption(p, io);
  if (official === null) return 1;
  const calendar = recordingCalendar(official);
  const options: CohortOptions & { strict?: boolean } = { trace, calendar: calendar.calendar };
  if (strict) options.strict = true;
  const progress = createProgress(process.stderr, { label: "评分" });
  if (io === processIo) options.onProgress = (done, total) => progress.update(done, total);
  const run = runOptions(p, io, "score");
  if (run === null) return 1;
  Object.assign(options, run);
  // Scored lazily: the cohort step keeps a summary of each unit, and each unit is scored again in
  // full as it is written, so memory holds the units' facts and summaries, not every explanation.
  const cohort = locateRun(scoreCohortLazily(crs, units, options), locate);
  progress.end();
  for (const i of cohort.issues) io.err(formatIssue(i));
  // Every warning of the run, each unit's among them.
  const warnings = cohort.warnings;
  for (const w of warnings) io.err(formatIssue(w));
  const chosen = sources.get(crs) ?? { rules };
  const manifest = runManifest(crs, chosen.rules, p, calendar.years(), trace);
  if (out !== undefined) {
    // Written to files, the output says why a unit was not scored only inside a sheet: a pipeline
    // logs stderr, so every unit not scored is reported there too.
    for (const x of cohort.ranking)
      if (!x.outcome.ok) for (const i of x.outcome.issues) io.err(formatIssue(i));
    const written = writeSheets(
      () => writeResults(crs, cohort, format as ResultFormat, out, manifest),
      io,
    );
    if (written === null) return 1;
  } else if (format === "json") {
    // In pieces: the result of a large cohort is longer than any one string can be.
    // The readings in force are named beside the rule set: they change what its clauses mean.
    const readings = crs.readings.length
      ? { readings: crs.readings.map((r) => ({ id: r.id, title: r.title, clause: r.clause.id })) }
      : {};
    writeJsonPretty(
      { ruleSet: crs.id, ...readings, manifest, ...cohortRunToJSON(cohort, { trace }) },
      io.out,
    );
  } else {
    let first = true;
    for (const x of cohort.units()) {
      if (!first) io.out("");
      first = false;
      io.out(renderExplanation(crs, x.outcome));
    }
    io.out("");
    io.out(renderRanking(crs, { ...cohort, units: [...cohort.ranking] }));
    const ok = cohort.ranking.filter((x) => x.score !== null).length;
    io.out("");
    io.out(
      `已评分 ${ok} 个单位,未评分 ${cohort.count - ok} 个${issues.length ? `;事实文件中有 ${issues.length} 处问题` : ""}`,
    );
  }
  const rejected =
    issues.length > 0 || cohort.issues.length > 0 || cohort.ranking.some((x) => x.score === null);
  return rejected || (strict && warnings.length > 0) ? 1 : 0;
}

/** What a run was computed from (kaohe version, input files and their SHA-256, options). */
function runManifest(
  crs: CompiledRuleSet,
  ruleFile: string,
  p: ParsedArgs,
  calendarYears: number[],
  trace: boolean,
): RunManifest {
  const previous = p.one("--previous");
  return {
    kaohe: version,
    ruleSet: { id: crs.id, edition: crs.edition?.id ?? null, ...manifestFile(ruleFile) },
    rules: p.all("--rules").map(manifestFile),
    params: p.all("--params").map(manifestFile),
    facts: p.all("--facts").map(manifestFile),
    previous: previous !== undefined ? manifestFile(previous) : null,
    options: {
      asOf: p.one("--as-of") ?? null,
      window: p.one("--window") ?? null,
      period: p.one("--period") ?? null,
      strict: p.has("--strict"),
      trace,
      ...(p.all("--reading").length ? { reading: p.all("--reading") } : {}),
    },
    calendarYears,
    ...(p.all("--calendar").length ? { calendars: p.all("--calendar").map(manifestFile) } : {}),
  };
}

function verify(p: ParsedArgs, io: Io): number {
  if (p.args.length !== 1) throw new UsageError("请指定一个 kaohe score 的 JSON 结果文件");
  return verifyResult(
    p.args[0] as string,
    io,
    (argv) => {
      const out: string[] = [];
      // `kaohe score` is synchronous: its status is a number.
      const code = run(argv, { out: (l) => out.push(`${l}\n`), err: () => {} }) as number;
      return { code, out: out.join("") };
    },
    version,
  );
}

/** Runs a writer, printing the files written (stdout) or why it failed (stderr); null on failure. */
function writeSheets(write: () => string[], io: Io): string[] | null {
  try {
    const files = write();
    for (const f of files) io.out(f);
    return files;
  } catch (e) {
    if (!(e instanceof KaoheError)) throw e;
    for (const i of e.issues) io.err(formatIssue(i));
    return null;
  }
}

function schema(p: ParsedArgs, io: Io): number {
  const rules = p.one("--facts");
  const params = p.one("--params");
  if (rules === undefined) throw new UsageError("缺少必需的选项 --facts <rule-file>");
  const loaded = loadRulesOption(p, io, rules, params);
  if (!loaded) return 1;
  io.out(JSON.stringify(factsSchemaOf(compileRuleSet(loaded.ruleSet)), null, 2));
  return 0;
}

function template(p: ParsedArgs, io: Io): number {
  const rules = p.one("--rules");
  const params = p.one("--params");
  const out = p.one("--out");
  const category = p.one("--category");
  if (rules === undefined) throw new UsageError("缺少必需的选项 --rules <file>");
  if (out === undefined) throw new UsageError("缺少必需的选项 --out <file.xlsx|file.csv>");
  if (!/\.(xlsx|csv)$/i.test(out))
    throw new UsageError(`--out 须以 .xlsx 或 .csv 结尾,而不是 "${out}"`);
  const loaded = loadRulesOption(p, io, rules, params);
  if (!loaded) return 1;
  const crs = compileRuleSet(loaded.ruleSet);
  if (category !== undefined && !crs.categories?.includes(category))
    throw new UsageError(
      crs.categories
        ? `规则集没有类别 "${category}";有:${crs.categories.join("、")}`
        : "规则集没有类别,不用 --category",
    );
  const layout = (p.one("--layout") ?? "wide") as "wide" | "long";
  const opts = { layout, ...(category !== undefined ? { category } : {}) };
  return writeSheets(() => {
    writeTemplate(crs, opts, out);
    return [out];
  }, io)
    ? 0
    : 1;
}

/** The addresses of this machine only: a service there needs no token to be safe. */
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * `kaohe serve`: loads the rule directory, then listens. Returns at once (0, the server keeps the
 * process alive) or 1 when a rule set does not load; a port that cannot be listened on sets the
 * exit status to 1 when it is known.
 */
function serve(p: ParsedArgs, io: Io): number {
  if (p.args.length > 1) throw new UsageError("只能指定一个规则目录");
  const dir = p.args[0] ?? "rules";
  const host = p.one("--host") ?? "127.0.0.1";
  const port = p.int("--port") ?? 8080;
  const token = process.env.KAOHE_TOKEN;
  if (token !== undefined && !/^\S{8,}$/.test(token))
    throw new UsageError("环境变量 KAOHE_TOKEN 须至少 8 个字符,且不含空白");
  const limits = {
    ...(p.int("--max-body") !== undefined ? { maxBodyBytes: p.int("--max-body") as number } : {}),
    ...(p.int("--max-units") !== undefined ? { maxUnits: p.int("--max-units") as number } : {}),
    ...(p.int("--timeout") !== undefined ? { timeoutMs: p.int("--timeout") as number } : {}),
    ...(p.int("--concurrency") !== undefined
      ? { maxConcurrent: p.int("--concurrency") as number }
      : {}),
  };
  const made = createService({
    rules: dir,
    limits,
    log: io.err,
    ...(token !== undefined ? { token } : {}),
  });
  if (!made.ok) {
    for (const i of made.issues) io.err(formatIssue(i));
    return 1;
  }
  for (const w of made.warnings) io.err(formatIssue(w));
  const { server, reload, registry } = made.service;
  const counts = () => {
    const r = registry();
    let versions = 0;
    for (const e of r.entries.values()) versions += e.versions.length;
    return `${r.entries.size} 个规则集(${versions} 个版本)`;
  };
  server.on("error", (e: Error) => {
    io.err(`kaohe serve: 无法在 ${host}:${port} 监听:${e.message}`);
    process.exitCode = 1;
    server.close();
  });
  server.listen(port, host, () => {
    const a = server.address();
    const at = typeof a === "object" && a ? a.port : port;
    const shown = host.includes(":") ? `[${host}]` : host;
    io.err(
      `kaohe serve: 在 http://${shown}:${at} 提供 ${counts()}${token !== undefined ? ",需要令牌" : ""};SIGHUP 重新载入`,
    );
    if (token === undefined && !LOOPBACK.has(host))
      io.err(`kaohe serve: 注意:监听 ${host} 而没有设 KAOHE_TOKEN,能连到这个地址的任何人都能调用`);
  });
  process.on("SIGHUP", () => {
    const r = reload();
    if (r.ok) {
      for (const w of r.warnings) io.err(formatIssue(w));
      io.err(`kaohe serve: 已重新载入(第 ${r.generation} 代),${counts()}`);
    } else {
      for (const i of r.issues) io.err(formatIssue(i));
      io.err(`kaohe serve: 重新载入失败,仍用第 ${r.generation} 代的规则集`);
    }
  });
  const stop = () => {
    server.close(() => process.exit());
    server.closeIdleConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return 0;
}
