/** How fact messages name a fact: its label (what a clerk knows it by) and its id (the key to write). */
const fact = (p: { fact: string; label?: string }) =>
  p.label && p.label !== p.fact ? `「${p.label}」(${p.fact})` : `"${p.fact}"`;
const hint = (p: { hint?: string }) => (p.hint ? `;${p.hint}` : "");

/**
 * The one message table of kaohe. Every problem kaohe reports is data with a stable `code`;
 * tests assert codes, never wording. Codes starting with `E_` concern rule files, `F_` facts
 * and units, `K_` cohorts, `C_` cases, `S_` sheets, `H_` requests to the HTTP service (kaohe
 * serve); `W_` are warnings (the rule set still loads; a unit is still scored). Messages are in
 * plain Chinese, for the staff who fix the files.
 */
export const MESSAGES = {
  // loading
  E_TOO_LARGE: (p: { limit: number }) => `输入过大:超过 ${p.limit} 字节`,
  E_JSON_UNCHECKED: (p: { limit: number }) =>
    `JSON 事实文件超过 ${p.limit} 字节时须是干净的 JSON(没有重复的键、转义的键名、指数形式或超长的数字、过深的嵌套),才能快速读取;这个文件不是,也大到无法逐处指出问题所在`,
  E_SYNTAX: (p: { detail: string }) => `YAML/JSON 格式错误:${p.detail}`,
  E_FORBIDDEN_KEY: (p: { key: string }) =>
    `不允许使用键名 "${p.key}"(__proto__、constructor、prototype 一律不接受)`,
  E_TYPE: (p: { expected: string; received: string }) => `应为 ${p.expected},实际是 ${p.received}`,
  E_REQUIRED: (p: { key: string }) => `缺少必填字段 "${p.key}"`,
  E_UNKNOWN_KEY: (p: { keys: string }) => `不认识的字段:${p.keys}`,
  E_ENUM: (p: { allowed: string }) => `这个值不在允许的范围内;应为以下之一:${p.allowed}`,
  E_UNKNOWN_CONSTRUCT: (p: { value: string; allowed: string }) =>
    `不认识的条款类型 "${p.value}";可用的类型:${p.allowed}`,
  E_INVALID: (p: { detail: string }) => p.detail,
  E_DUPLICATE_KEY: (p: { key: string; first: string }) =>
    `键 "${p.key}" 重复(第一次出现在${p.first});1 与 "1"、0x10 与 16、~ 与 "" 读出来是同一个键`,
  E_KEY: (p: { detail: string }) => `键必须是普通文字:${p.detail}`,
  E_TAG: (p: { tag: string }) => `不支持的 YAML 类型 ${p.tag}(只接受文字、数字、是非、列表和映射)`,
  E_NUMBER: (p: { text: string; detail: string }) =>
    `数字 ${p.text} 不能按原样精确读取:${p.detail}`,
  E_TOO_COMPLEX: (p: { detail: string; limit: number }) =>
    `输入展开后过大或嵌套过深:${p.detail},上限 ${p.limit}`,
  E_ENCODING: (p: { detail: string }) => `文件编码无法识别:${p.detail}`,
  E_VERSION: (p: { version: string }) =>
    `不支持规则语言版本 ${p.version};本版 kaohe 只读版本 1(写数字 1,不加引号)`,
  // sealed rule sets (kaohe seal, kaohe/sealed)
  E_SEALED_FORM: (p: { detail: string }) => `这不是 kaohe seal 写出的封存规则集:${p.detail}`,
  E_SEALED_ENGINE: (p: { engine: string; version: string }) =>
    `这份规则集是 kaohe ${p.engine} 校验封存的,本页用的是 kaohe ${p.version};请用 kaohe ${p.version} 重新执行 kaohe seal`,
  E_SEALED_DIGEST: (_p: Record<string, never>) =>
    "封存后规则集的内容被改动过(摘要 digest 与内容不符);请改规则文件本身,再用 kaohe seal 重新校验封存",
  // templates and parameters
  E_PARAM_UNSET: (p: { param: string; file: string }) =>
    `这里用到参数 "${p.param}",但参数文件没有给它赋值(${p.file})`,
  E_PARAM_UNDECLARED: (p: { param: string }) =>
    `用到参数 "${p.param}",但模板的 parameters 中没有声明它`,
  E_PARAM_UNKNOWN: (p: { param: string }) => `模板中没有名为 "${p.param}" 的参数`,
  E_PARAM_RANGE: (p: { param: string; value: string; min: string; max: string }) =>
    `参数 "${p.param}" = ${p.value},超出声明的范围 [${p.min}, ${p.max}]`,
  E_PARAM_TEMPLATE: (p: { template: string; expected: string }) =>
    `这份参数是给模板 "${p.template}" 用的,不是给 "${p.expected}" 的`,
  W_UNUSED_PARAM: (p: { param: string }) => `参数 "${p.param}" 已声明,但没有任何地方用到`,
  E_PARAM_DECL: (p: { param: string; detail: string }) =>
    `参数 "${p.param}" 的声明有误:${p.detail}`,
  E_PARAM_CHOICE: (p: { param: string; value: string; allowed: string }) =>
    `参数 "${p.param}" 的值 ${p.value} 不是它的可选值;应为以下之一:${p.allowed}`,
  E_PARAM_INTEGER: (p: { param: string; value: string }) =>
    `参数 "${p.param}" 应为整数,实际是 ${p.value}`,
  E_PARAM_SELECT: (p: { param: string; detail: string }) =>
    `按参数 "${p.param}" 选取(select)有误:${p.detail}`,
  E_READING_UNKNOWN: (p: { reading: string; allowed: string }) =>
    `没有名为 "${p.reading}" 的解读;模板声明的解读:${p.allowed}`,
  E_READING_CONFLICT: (p: { detail: string }) => `解读冲突:${p.detail}`,
  // versions
  E_VERSION_OVERLAP: (p: { ruleSet: string; a: string; b: string }) =>
    `"${p.ruleSet}" 的两个版本有效期重叠:${p.a} 和 ${p.b}`,
  E_VERSION_RANGE: (p: { ruleSet: string; detail: string }) => `规则集 "${p.ruleSet}":${p.detail}`,
  // static checks
  E_DUPLICATE_ID: (p: { id: string; first: string }) =>
    `编号 "${p.id}" 重复(第一次出现在 ${p.first})`,
  E_POINTS_SUM: (p: { node: string | null; points: string; sum: string; category: string }) =>
    `${p.node === null ? "规则集的总分 points" : `指标 "${p.node}" 的分值`}(${p.points})与下级各项分值之和(${p.sum})不一致${p.category};请改正分值${p.node === null ? ",或不写总分,由程序求和" : ";如果文件确实如此,写 pointsCheck: exempt 并注明理由"}`,
  E_CAP_ABOVE_POINTS: (p: { what: string; cap: string; points: string }) =>
    `${p.what} 的封顶 ${p.cap} 高于它所封顶的分值(${p.points});如果文件允许倒扣,写 overdraw: true`,
  E_UNDECLARED_FACT: (p: { fact: string }) => `用到事实 "${p.fact}",但 facts 中没有声明它`,
  E_DERIVE_CYCLE: (p: { cycle: string }) =>
    `派生事实互相引用,绕成了一个圈:${p.cycle};每个派生事实最终只能由填报的事实算出`,
  E_FACT_KIND: (p: { fact: string; type: string; use: string }) =>
    `事实 "${p.fact}" 的类型是 ${p.type},不能${p.use}`,
  E_UNKNOWN_REF: (p: { kind: string; id: string; hint?: string }) =>
    `找不到${p.kind} "${p.id}"${hint(p)}`,
  E_NEGATIVE: (p: { what: string; hint?: string }) => `${p.what} 不能是负数${hint(p)}`,
  E_OUT_OF_RANGE: (p: { what: string; min: string; max: string }) =>
    `${p.what} 必须在 [${p.min}, ${p.max}] 之内`,
  E_RANGE: (p: { what: string; min: string; max: string; dates?: boolean }) =>
    p.dates
      ? `${p.what}:开始日 ${p.min} 晚于结束日 ${p.max}`
      : `${p.what}:最小值 ${p.min} 大于最大值 ${p.max}`,
  E_NO_OPERATOR: (p: { fact: string }) =>
    `条件只写了事实 "${p.fact}",没有写比较方式(gt、gte、lt、lte、eq、ne 或 is),这样的条件对任何单位都成立`,
  E_CONTRADICTION: (p: { detail: string }) => `条件自相矛盾:${p.detail}`,
  W_AMOUNT_ABOVE_POINTS: (p: { what: string; amount: string; points: string }) =>
    `${p.what} 最多可扣 ${p.amount},超过所在项目的分值(${p.points});除非该项目写明 overdraw: true(倒扣),否则扣到 0 为止(扣完为止)`,
  W_UNREACHABLE: (p: { detail: string }) => `这一条永远不会起作用:${p.detail}`,
  W_WEIGHTS: (p: { sum: string }) => `这几部分的权重合计 ${p.sum}%,不是 100%`,
  W_UNUSED_FACT: (p: { fact: string }) => `事实 "${p.fact}" 已声明,但没有任何条款用到`,
  E_GIVEN_NODE: (p: { node: string; detail: string }) =>
    `项目 "${p.node}" 由评分人直接给分(given):${p.detail}`,
  E_EMPTY_NODE: (p: { node: string }) =>
    `项目 "${p.node}" 既没有下级项目也没有条款,它的得分永远不会变`,
  // facts and units
  F_MISSING_FACT: (p: { fact: string; label?: string }) =>
    `缺少事实${fact(p)}的值,而它没有默认值;请在该单位的 facts 中填写`,
  F_FACT_TYPE: (p: {
    fact: string;
    label?: string;
    expected: string;
    received: string;
    hint?: string;
  }) => `事实${fact(p)}应填${p.expected},实际填的是${p.received}${hint(p)}`,
  F_FACT_RANGE: (p: {
    fact: string;
    label?: string;
    value: string;
    min: string;
    max: string;
    hint?: string;
  }) => `事实${fact(p)}填的是 ${p.value},超出允许范围 [${p.min}, ${p.max}]${hint(p)}`,
  F_DERIVED: (p: { fact: string; label?: string; detail: string }) =>
    `事实${fact(p)}由其他事实算出,无法得出:${p.detail}`,
  F_DERIVED_GIVEN: (p: { fact: string; label?: string }) =>
    `事实${fact(p)}由其他事实算出(derive),单位不能自己填写;请删去它,填写它所用的事实`,
  F_UNKNOWN_FACT: (p: { fact: string; suggestion?: string }) =>
    `规则中没有名为 "${p.fact}" 的事实${p.suggestion ? `;是不是 ${p.suggestion}?` : ";请核对拼写"}`,
  W_RATE_SCALE: (p: { fact: string; label?: string; value: string; percent: string }) =>
    `比率${fact(p)}填的是 ${p.value},按百分数算作 ${p.value}%;如果本意是 ${p.percent}%,请写 ${p.percent}(或 "${p.percent}%");如果确实是 ${p.value}%,请写 "${p.value}%",这条提示就不再出现`,
  F_RATE_SCALE: (p: { fact: string; label?: string; value: string; percent: string }) =>
    `比率${fact(p)}填的是 ${p.value},看不出是 ${p.value}% 还是 ${p.percent}%,严格模式下不评分;如果是 ${p.percent}%,请写 ${p.percent}(或 "${p.percent}%");如果确实是 ${p.value}%,请写 "${p.value}%"`,
  W_RATE_SCALE_RUN: (p: { fact: string; label?: string; units: number }) =>
    `填写了比率${fact(p)}的 ${p.units} 个单位,数值全都不大于 1:这一列可能是按小数填写的(0.875 应写 87.5 或 "87.5%");如果规则本来就按小数填写,请在该事实的声明中写 scale: fraction`,
  F_UNKNOWN_CATEGORY: (p: { category: string; allowed: string }) =>
    `单位类别 "${p.category}" 不存在;规则中的类别有:${p.allowed}`,
  F_CATEGORY_REQUIRED: (p: { allowed: string }) =>
    `规则按单位类别评分(${p.allowed});每个单位都要写明 category`,
  F_DUPLICATE_UNIT: (p: { id: string }) => `单位编号 "${p.id}" 出现了不止一次`,
  F_DUPLICATE_UNIT_AT: (p: { id: string; first: string; detail: string }) =>
    `单位 "${p.id}" 出现了不止一次(第一次在${p.first}${p.detail});重复的单位都不计分,也不计入全体计算`,
  F_UNIT_ID: (p: { detail: string }) => `单位名称有误:${p.detail}`,
  F_FINDING_SUBJECT: (p: { fact: string; label?: string; by: string }) =>
    `事实${fact(p)}中有一条问题没有写 ${p.by},而按 ${p.by} 封顶需要它`,
  F_UNKNOWN_SUBJECT: (p: { fact: string; label?: string; subject: string; allowed: string }) =>
    `事实${fact(p)}中的对象 "${p.subject}" 不在规则列出的对象之中(${p.allowed});请核对名称,不要另起新名`,
  F_DUPLICATE_FINDING: (p: { fact: string; label?: string; id: string; first: number }) =>
    `事实${fact(p)}中编号 "${p.id}" 出现了不止一次(第一次在第 ${p.first + 1} 条);一个编号只能指一条`,
  F_UNKNOWN_LINK: (p: {
    fact: string;
    label?: string;
    of: string;
    target: { fact: string; label?: string };
  }) =>
    `事实${fact(p)}中有一条写着 of: "${p.of}",但事实${fact(p.target)}中没有编号为 "${p.of}" 的一条;请核对编号`,
  F_LINK_CYCLE: (p: { fact: string; label?: string; cycle: string }) =>
    `事实${fact(p)}中的关联绕成了一个圈(${p.cycle});每条只能关联到它所涉及的另一条,不能绕回自己`,
  F_LINK_KIND: (p: {
    fact: string;
    label?: string;
    kind: string;
    of: string;
    linked: string;
    allowed: string;
  }) =>
    `事实${fact(p)}中一条「${p.kind}」关联到 "${p.of}",它的种类是「${p.linked}」;「${p.kind}」只能关联到:${p.allowed}`,
  F_DISCRETION_RANGE: (p: {
    fact: string;
    label?: string;
    value: string;
    min: string;
    max: string;
  }) => `事实${fact(p)}的酌情扣分 ${p.value} 超出规定范围 [${p.min}, ${p.max}]`,
  F_CALENDAR_YEAR: (p: { year: number; covered: string }) =>
    `工作日日历不含 ${p.year} 年(已有:${p.covered});请补充该年国务院办公厅的放假通知`,
  F_AS_OF_REQUIRED: (p: { fact: string; label?: string }) =>
    `事实${fact(p)}中有事项没有办结日期;请给出评分基准日(as-of),才能判断是否逾期`,
  F_WINDOW_REQUIRED: (p: { rule: string }) =>
    `规则 "${p.rule}" 按期间计数,规则集、所在项目或本次评分必须写明考核期间(window)`,
  F_FINDING_UNDATED: (p: { fact: string; label?: string; window: string }) =>
    `事实${fact(p)}中有一条问题没有日期,而考核期间 ${p.window} 不接受没有日期的问题`,
  F_OPTION: (p: { option: string; detail: string }) => `评分选项 ${p.option}:${p.detail}`,
  F_NOTHING_APPLIES: (p: { node: string }) =>
    `"${p.node}" 对该单位不适用,也没有适用的、有分值的项目可以承接它的分值`,
  F_NO_APPLICABLE_POINTS: (p: { to: string }) =>
    `没有任何项目适用于该单位(适用项满分为0分),无法按得分率换算为${p.to}分制(rescale)`,
  F_GIVEN_SCORE: (p: {
    fact: string;
    label?: string;
    node: string;
    value: string;
    detail: string;
  }) => `项目 "${p.node}" 的评分人给分(事实${fact(p)})填的是 ${p.value},${p.detail}`,
  F_PARTS: (p: { detail: string }) => `分部分合成得分:${p.detail}`,
  F_BAD_UNITS: (p: { detail: string }) => `事实文件:${p.detail}`,
  // cohorts
  K_FACT_GIVEN: (p: { fact: string }) => `事实 "${p.fact}" 由全体单位的数据算出,单位不能自己填写`,
  K_PREVIOUS_REQUIRED: (p: { fact: string }) =>
    `事实 "${p.fact}" 要用上一轮的结果计算,但没有提供上一轮结果`,
  K_FIGURE_DUPLICATES: (p: { fact: string; units: string }) =>
    `全体计算 "${p.fact}" 没有包括重复出现的单位(无法确定以哪一份为准):${p.units}`,
  K_FIGURE_INCOMPLETE: (p: { fact: string; units: string }) =>
    `"${p.fact}" 的计算没有包括以下没填这一项的单位:${p.units}`,
  K_PREVIOUS_INVALID: (p: { detail: string }) => `上一轮结果:${p.detail}`,
  K_EMPTY: (p: { fact: string }) => `事实 "${p.fact}" 没有任何单位的数据可以用来计算`,
  K_MISSING_UNIT: (p: { unit: string; parent: string }) =>
    `单位 "${p.unit}" 的上级单位 "${p.parent}" 不在本次评分的单位中`,
  K_CYCLE: (p: { cycle: string }) => `单位的上下级关系绕成了一个圈:${p.cycle}`,
  K_NO_CHILDREN: (p: { unit: string; rule: string }) =>
    `单位 "${p.unit}" 的得分要与下级单位挂钩(${p.rule}),但本次评分中没有它的下级单位`,
  K_CHILD_FAILED: (p: { unit: string; children: string }) =>
    `"${p.unit}" 的挂钩得分要用到以下未能评分的下级单位:${p.children}`,
  // cases
  C_MISMATCH: (p: { what: string; expected: string; actual: string }) =>
    `${p.what}:应为 ${p.expected},实际为 ${p.actual}`,
  C_EXPECTED_ERROR: (p: { code: string; actual: string }) =>
    `应报错 ${p.code},实际得到:${p.actual}`,
  C_UNKNOWN_NODE: (p: { node: string }) => `用例要核对项目 "${p.node}" 的得分,但结果中没有这个项目`,
  C_UNCOVERED: (p: { outcome: string }) =>
    `没有用例覆盖 "${p.outcome}":请补充用例,或在 coverage.yaml 的 uncovered 中写明原因`,
  C_COVERED_NOW: (p: { outcome: string; detail: string }) =>
    `coverage.yaml 列为未覆盖的 "${p.outcome}" 已不再未覆盖(${p.detail}):请从列表中删去`,
  // files (node only)
  E_FILE: (p: { detail: string }) => `无法读取文件:${p.detail}`,
  // sheets: writing results and templates
  E_WRITE_FILE: (p: { file: string; detail: string }) => `无法写入文件 ${p.file}:${p.detail}`,
  // sheets: reading facts from CSV, XLSX and JSON Lines
  S_NEEDS_LIBS: (p: { what: string; install: string }) =>
    `${p.what}需要可选依赖,请先安装:npm install ${p.install}`,
  S_FORMAT: (p: { detail: string }) => `表格文件无法读取:${p.detail}`,
  S_LIMIT: (p: { what: string; limit: number }) => `表格超出上限:${p.what}超过 ${p.limit}`,
  S_SHEET: (p: { sheet: string; sheets: string }) =>
    `工作簿中没有名为 "${p.sheet}" 的工作表;现有:${p.sheets}`,
  S_HEADER: (p: { detail: string }) => `表头有误:${p.detail}`,
  S_ROW: (p: { detail: string }) => `此行未采用:${p.detail}`,
  S_UNKNOWN_UNIT: (p: { unit: string }) =>
    `单位 "${p.unit}" 不在单位表中;问题清单中的单位须先在单位表(宽表)中列出`,
  // rule files: finer codes for what E_INVALID covered (issue 10)
  E_FACT_DECLARATION: (p: { detail: string }) => `事实的声明自相矛盾:${p.detail}`,
  E_EXCLUSIVE: (p: { detail: string }) => `两种写法只能选一种:${p.detail}`,
  E_NEEDS_ONE_OF: (p: { detail: string }) => `缺少起作用的设置:${p.detail}`,
  E_MISPLACED: (p: { detail: string }) => `放错了位置:${p.detail}`,
  E_DATE: (p: { detail: string }) => `不是实际存在的日期:${p.detail}`,
  E_PERIODS_FACT: (p: { fact: string; type: string }) =>
    `按期间拆分计分(periods)时,各期只能按日期分得带日期的问题清单(findings)或按期填报的数列(series);事实 "${p.fact}"(${p.type})没有日期,会在每一期重复计入`,
  E_ORDER: (p: { detail: string }) => `顺序有误:${p.detail}`,
  // calendar files (kaohe score/deadline --calendar)
  E_CALENDAR: (p: { detail: string }) => `放假安排数据有误:${p.detail}`,
  // cases files: finer codes for what E_INVALID covered (issue 10)
  C_EXPECTS_NOTHING: (p: { detail: string }) => `用例什么也没有核对:${p.detail}`,
  C_SHAPE: (p: { detail: string }) => `用例的写法有误:${p.detail}`,
  // rule files: the rest of what E_INVALID covered (issue 10)
  E_NOT_POSITIVE: (p: { what: string }) => `${p.what} 必须大于 0`,
  E_BEYOND_FACT: (p: { clause: string; max: string; fact: string; factMax: string }) =>
    `条款 "${p.clause}" 最多可达 ${p.max},但事实 "${p.fact}" 声明的最大值是 ${p.factMax},这一段永远用不上;请改正其中之一`,
  E_MIXED_ITEM: (p: { item: string }) =>
    `加减分项 "${p.item}" 的条款须全部扣分或全部加分,并计入同一计量单位;请拆成两项`,
  E_CANNOT_CONVERT: (p: { points: string; key: string }) =>
    `满分为 ${p.points} 分(不设上限的积分制)的得分无法按比例折算(${p.key})`,
  // the HTTP service (kaohe serve): requests refused before or instead of scoring
  H_NOT_FOUND: (p: { what: string }) => `找不到${p.what}`,
  H_METHOD: (p: { method: string; allowed: string }) =>
    `这个地址不接受 ${p.method} 请求;可用:${p.allowed}`,
  H_UNAUTHORIZED: (p: { detail: string }) =>
    `需要访问令牌:请求头写 Authorization: Bearer <令牌>(${p.detail})`,
  H_MEDIA_TYPE: (p: { received: string; allowed: string }) =>
    `请求体的类型 ${p.received} 不被接受;请用 Content-Type: ${p.allowed}`,
  H_TOO_MANY_UNITS: (p: { count: number; limit: number }) =>
    `一次请求有 ${p.count} 个单位,超过上限 ${p.limit} 个;请分批提交`,
  H_TIMEOUT: (p: { limit: number; stage: string }) =>
    `请求超时:${p.stage}超过 ${p.limit} 毫秒,已中止`,
  H_BUSY: (p: { limit: number }) => `服务正忙:同时处理的请求已达上限 ${p.limit} 个,请稍后重试`,
  H_VERSION: (p: { ruleSet: string; detail: string }) => `规则集 "${p.ruleSet}":${p.detail}`,
  H_INTERNAL: (p: { detail: string }) => `服务内部错误(已记录):${p.detail}`,
} as const;

export type IssueCode = keyof typeof MESSAGES;
export type IssueParams<C extends IssueCode> = Parameters<(typeof MESSAGES)[C]>[0];
