/**
 * The command line's options, declared per command and parsed strictly: an unknown option, a
 * missing or empty value, a flag given a value, a repeated single option or a number out of range
 * is a usage error naming the option (exit 2), never silently ignored.
 */

/** One option of a command. */
export interface OptionSpec {
  /** The option's name with its dashes, e.g. `--rules`. */
  name: string;
  /** The option's one-letter alias, e.g. `-h`. */
  short?: string;
  /** The value's placeholder in the help, e.g. `<file>`; absent for a flag, which takes no value. */
  value?: string;
  /** Whether the option may be given more than once. */
  repeat?: boolean;
  /** The range of a whole-number value, written in decimal digits. */
  integer?: { min: number; max: number };
  /** The only values accepted. */
  choices?: readonly string[];
  /** The one-line help, for staff. */
  help: string;
}

/** One command: its options, its arguments and its help. */
export interface CommandSpec {
  /** The command's name, e.g. `score`. */
  name: string;
  /** The one-line description. */
  summary: string;
  /** The usage lines, each after `kaohe `. */
  usage: string[];
  /** The placeholder of the arguments the command takes, e.g. `<rule-file>...`; absent for none. */
  args?: string;
  /** The options, `--help` excepted (every command has it). */
  options: OptionSpec[];
  /** Further lines of the help, after the options. */
  notes?: string[];
  /** Example command lines, each after `kaohe `. */
  examples: string[];
  /** What the exit statuses mean for this command. */
  exit: string;
}

/** A command line that cannot be run as given; the CLI prints the message and exits with 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The options and arguments of a parsed command line. */
export interface ParsedArgs {
  /** `--help` or `-h` was given. */
  help: boolean;
  /** The arguments that are not options, in order. */
  args: string[];
  /** The values of an option, in order; `[]` when absent. */
  all(name: string): string[];
  /** The value of an option given at most once. */
  one(name: string): string | undefined;
  /** Whether a flag (or an option) was given. */
  has(name: string): boolean;
  /** The whole-number value of an option, checked against its range. */
  int(name: string): number | undefined;
}

export const HELP_OPTION: OptionSpec = { name: "--help", short: "-h", help: "显示本命令的帮助" };

/**
 * Parses a command's arguments (after the command's name). `--name value` and `--name=value` are
 * both accepted; `--` ends the options.
 *
 * @example
 * parseArgs(spec, ["--days", "1e300"]) // throws UsageError: --days 的值须为 0 到 3660 之间的十进制整数…
 */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = [...spec.options, HELP_OPTION];
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let help = false;
  // Help wins over any other mistake on the line: whoever asks for it is told how to fix the rest.
  const end = argv.indexOf("--");
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h")) help = true;
  for (let i = 0; i < argv.length && !help; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a === "-" || !a.startsWith("-")) {
      args.push(a);
      continue;
    }
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq < 0 ? a : a.slice(0, eq);
    const opt = options.find((o) => o.name === name || o.short === name);
    if (!opt) throw new UsageError(unknownOption(name, options));
    const shown = opt.name;
    const seen = values.get(shown);
    if (seen && !opt.repeat) throw new UsageError(`选项 ${shown} 只能给一次`);
    let value: string;
    if (!opt.value) {
      if (eq >= 0) throw new UsageError(`选项 ${shown} 不带值(写作 ${shown},不写 ${a})`);
      value = "";
    } else if (eq >= 0) value = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`选项 ${shown} 缺少值:${shown} ${opt.value}`);
      // A value is never taken from the next option: `--facts --format text` is a mistake.
      // Negative numbers reach the range check, which names them.
      if (next.startsWith("-") && next !== "-" && !(opt.integer && /^-\d/.test(next)))
        throw new UsageError(
          options.some((o) => o.name === next.split("=")[0] || o.short === next)
            ? `选项 ${shown} 缺少值:其后的 ${next} 是另一个选项`
            : `选项 ${shown} 缺少值:其后的 ${next} 以 - 开头;若它就是值,写作 ${shown}=${next}`,
        );
      value = next;
      i++;
    }
    if (opt.value) checkValue(opt, value);
    values.set(shown, [...(seen ?? []), value]);
  }
  if (!help && !spec.args && args.length)
    throw new UsageError(`多余的参数 "${args[0]}":kaohe ${spec.name} 不接受参数`);
  const get = (name: string): string[] => {
    // A typo in the CLI's own code must not read as "the option was not given".
    if (!options.some((o) => o.name === name))
      throw new Error(`kaohe ${spec.name} declares no option ${name}`);
    return values.get(name) ?? [];
  };
  return {
    help,
    args,
    all: get,
    one: (name) => get(name)[0],
    has: (name) => get(name).length > 0,
    int: (name) => {
      const v = get(name)[0];
      return v === undefined ? undefined : Number(v);
    },
  };
}

function checkValue(opt: OptionSpec, value: string): void {
  if (value === "") throw new UsageError(`选项 ${opt.name} 的值为空`);
  if (opt.choices && !opt.choices.includes(value))
    throw new UsageError(`选项 ${opt.name} 只接受 ${opt.choices.join("、")},而不是 "${value}"`);
  if (opt.integer) {
    const { min, max } = opt.integer;
    // Decimal digits only: Number() would also take "0x10", "1e3", " 5", "1.0" and "".
    if (!/^[0-9]{1,9}$/.test(value) || Number(value) < min || Number(value) > max)
      throw new UsageError(
        `选项 ${opt.name} 的值须为 ${min} 到 ${max} 之间的整数(十进制数字),而不是 "${value}"`,
      );
  }
}

function unknownOption(name: string, options: readonly OptionSpec[]): string {
  const near = nearest(
    name,
    options.map((o) => o.name),
  );
  return `未知选项 ${name}${near ? `,是不是 ${near}?` : ""}`;
}

/**
 * The known word nearest to a mistyped one, if it is near enough to be what was meant: within two
 * edits, or one holding the other (`--trace` → `--no-trace`).
 *
 * @example
 * nearest("--fact", ["--facts", "--format"]) //=> "--facts"
 */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const body = (w: string) => w.replace(/^-+/, "").toLowerCase();
  const b = body(word);
  let best: { w: string; d: number } | undefined;
  for (const k of known) {
    const kb = body(k);
    const d = editDistance(b, kb);
    const close = d <= 2 || (b.length >= 3 && (kb.includes(b) || b.includes(kb)));
    if (close && (!best || d < best.d)) best = { w: k, d };
  }
  return best?.w;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length] as number;
}

/** A command's help: usage, options, notes and examples. */
export function formatHelp(spec: CommandSpec): string {
  const options = [...spec.options, HELP_OPTION];
  const heads = options.map(
    (o) => `${o.short ? `${o.short}, ` : ""}${o.name}${o.value ? ` ${o.value}` : ""}`,
  );
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return [
    `kaohe ${spec.name} — ${spec.summary}`,
    "",
    "用法 usage:",
    // A line starting with a space continues the one before.
    ...spec.usage.map((u) => (u.startsWith(" ") ? `        ${u}` : `  kaohe ${u}`)),
    "",
    "选项 options:",
    ...options.map((o, i) => `  ${(heads[i] as string).padEnd(width)}${o.help}`),
    ...(spec.notes?.length ? ["", ...spec.notes] : []),
    "",
    "示例 examples:",
    ...spec.examples.map((e) => `  kaohe ${e}`),
    "",
    `退出码 exit status: ${spec.exit}`,
  ].join("\n");
}
