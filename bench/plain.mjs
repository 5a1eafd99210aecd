// Plain-JS baseline for rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml (湖北省2009年上半年
// 财政与编制政务公开考核), written by hand from the rule text — no engine, no decimals.
//
// Everything is computed in integer hundredths of a point (分 × 100), so that sums like
// 0.1 + 0.2 stay exact; rates are read in hundredths of a percentage point. Each item returns
// the points it loses after its own caps (扣完为止). Used by bench/run.mjs both as the speed
// baseline and as an independent oracle for the differential check.

const min = Math.min;

/** Occurrences in a findings list (each entry counts `count`, default 1). */
function occurrences(list) {
  let n = 0;
  for (const f of list) n += f.count ?? 1;
  return n;
}

/** Σ over subjects of min(each × occurrences of that subject, cap) — 一个单位最多扣 cap. */
export function perSubject(list, each, cap) {
  const bySubject = new Map();
  for (const f of list) bySubject.set(f.subject, (bySubject.get(f.subject) ?? 0) + (f.count ?? 1));
  let total = 0;
  for (const n of bySubject.values()) total += min(each * n, cap);
  return total;
}

/** A rate in hundredths of a percentage point (87.3 → 8730); rates have at most 2 decimals. */
function rate100(v) {
  return Math.round(Number(v) * 100);
}

/** 以 base% 为基数,每减少 5% 扣 each 分(不足 5% 不扣),扣完 cap 为止. */
function shortfallSteps(rate, base, each, cap) {
  const short = base * 100 - rate100(rate);
  if (short <= 0) return 0;
  return min(Math.floor(short / 500) * each, cap);
}

// (一) 财政专项资金分配管理网上公开情况, 36分. 未及时公开每项资金扣2分. (随意减少项数 → 直接定为
// 不合格: a grade, no points.)
export function lost1(f) {
  return min(200 * occurrences(f.funds_late), 3600);
}

// Working days of 2008–2009 for 二.1's "30个工作日内更新": weekends off, the official holidays off,
// the 调休 weekend days on (国办发明电〔2007〕40号, 〔2008〕62号). Written independently of
// src/time so that the differential check also checks the calendar.
const DAY = 86_400_000;
const OFF = new Set([
  "2008-01-01",
  "2008-02-06",
  "2008-02-07",
  "2008-02-08",
  "2008-02-11",
  "2008-02-12",
  "2008-04-04",
  "2008-05-01",
  "2008-05-02",
  "2008-06-09",
  "2008-09-15",
  "2008-09-29",
  "2008-09-30",
  "2008-10-01",
  "2008-10-02",
  "2008-10-03",
  "2009-01-01",
  "2009-01-02",
  "2009-01-26",
  "2009-01-27",
  "2009-01-28",
  "2009-01-29",
  "2009-01-30",
  "2009-04-06",
  "2009-05-01",
  "2009-05-28",
  "2009-05-29",
  "2009-10-01",
  "2009-10-02",
  "2009-10-05",
  "2009-10-06",
  "2009-10-07",
  "2009-10-08",
]);
const ON = new Set([
  "2008-02-02",
  "2008-02-03",
  "2008-05-04",
  "2008-09-27",
  "2008-09-28",
  "2009-01-04",
  "2009-01-24",
  "2009-02-01",
  "2009-05-31",
  "2009-09-27",
  "2009-10-10",
]);
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const isWork = (t) => {
  const d = iso(t);
  if (ON.has(d)) return true;
  if (OFF.has(d)) return false;
  const w = new Date(t).getUTCDay();
  return w !== 0 && w !== 6;
};
// Due dates memoised by date, as any hand-written scorer of many units would.
const dueCache = new Map();
const due30 = (date) => {
  const hit = dueCache.get(date);
  if (hit !== undefined) return hit;
  const due = computeDue30(date);
  dueCache.set(date, due);
  return due;
};
/** The last day (YYYY-MM-DD) of the 30 working days after `date`; used by plain-validated.mjs. */
export const workdaysDue30 = (date) => due30(date);
const computeDue30 = (date) => {
  let t = Date.parse(`${date}T00:00:00Z`);
  for (let left = 30; left > 0; ) {
    t += DAY;
    if (isWork(t)) left--;
  }
  return iso(t);
};

// (二) 编制管理, 27分 = 二.1 … 二.8, each capped at its own points.
export function lost2_1(f) {
  let d = 0;
  if (f.staffing_info_incomplete) d += 100;
  // 信息更新不及时,扣1分: once, for any change inside (二)'s window updated after its 30th working day.
  const late = (f.staffing_changes ?? []).some(
    (c) => c.date >= "2008-12-11" && c.date <= "2009-06-30" && c.done > due30(c.date),
  );
  if (late) d += 100;
  if (f.staffing_secrecy_breach) d += 200;
  return min(d, 200);
}
export function lost2_2(f) {
  let d = 0;
  if (Number(f.admin_posts_total) > Number(f.admin_posts_approved)) d += 300;
  if (f.staffing_diff_unexplained) d += 100;
  if (f.actual_public_unexplained) d += 50;
  d += 50 * f.overview_parts_missing;
  if (f.overview_misplaced) d += 50;
  d += 50 * f.overview_defects;
  return min(d, 300);
}
export function lost2_3(f) {
  return min(50 * f.duties_blank_units + 20 * f.duties_irregular_units, 100);
}
export function lost2_4(f) {
  return min(20 * f.staffing_table_blanks + 10 * f.staffing_table_errors, 300);
}
export function lost2_5(f) {
  return min(
    perSubject(f.internal_org_blanks, 10, 50) + perSubject(f.internal_org_errors, 10, 50),
    100,
  );
}
export function lost2_6(f) {
  return min(20 * occurrences(f.staff_blanks) + perSubject(f.staff_errors, 10, 50), 400);
}
export function lost2_7(f) {
  return shortfallSteps(f.realname_rate_admin, 100, 200, 800);
}
export function lost2_8(f) {
  return shortfallSteps(f.realname_rate_institutions, 80, 100, 500);
}

// (三) 咨询投诉互动, 15分.
export function lost3_1(f) {
  return f.complaints_reported_and_handled ? 0 : 200;
}
export function lost3_2(f) {
  const d =
    min(100 * occurrences(f.reply_failures), 1300) +
    min(50 * f.replies_late, 500) +
    min(100 * f.replies_perfunctory, 1300) +
    min(50 * f.password_reply_misuse, 300);
  return min(d, 1300);
}

// (四) 宣传、信息与查询, 11分. 四.1 is 6分: for the 26个城中区 四.1.1 is not assessed and
// 四.1.2 is worth 4分; elsewhere 2 + 2 + 2.
export function lost4_1(f, chengzhong) {
  let d = 0;
  if (chengzhong) {
    if (!f.school_query_activities) d += 400;
  } else {
    if (!f.rural_query_points_active) d += 200;
    if (!f.school_query_activities) d += 200;
  }
  if (!f.mobile_query_activities) d += 200;
  return min(d, 600);
}
export function lost4_2(f) {
  // 每月至少两条: every month of the half-year at 2 or more, a month not given counting as 0.
  const months = ["2009-01", "2009-02", "2009-03", "2009-04", "2009-05", "2009-06"];
  const short = months.some((m) => (f.news_monthly[m] ?? 0) < 2);
  return (short ? 200 : 0) + (f.info_timely_updated ? 0 : 200);
}
export function lost4_3(f) {
  return f.free_query_point_ok ? 0 : 100;
}

// (五) 日常组织领导及技术保障, 11分.
// 五.1 日常组织领导, 4分: 1 per missing item, and 48小时未报 / 重要线索未报 → 不合格, 扣3分;
// all within the 4分 of 五.1.
export function lost5_1(f) {
  let d = 0;
  if (!f.special_staff_in_place) d += 100;
  if (!f.half_year_summary_submitted) d += 100;
  if (!f.self_assessment_done) d += 100;
  if (!f.other_tasks_done) d += 100;
  if (f.exposure_not_reported_48h || f.leads_not_reported) d += 300;
  return min(d, 400);
}
export function lost5_2(f) {
  let d = 0;
  if (!f.tech_staff_and_rules) d += 200;
  if (!f.site_distinctive) d += 100;
  if (!f.pages_tidy) d += 100;
  if (!f.pages_correct) d += 100;
  if (!f.free_query_column) d += 100;
  if (!f.data_orderly) d += 100;
  return d;
}

/** The total in hundredths of a point. */
export function totalCents(unit) {
  const f = unit.facts;
  const cz = unit.category === "chengzhong";
  const lost =
    lost1(f) +
    lost2_1(f) +
    lost2_2(f) +
    lost2_3(f) +
    lost2_4(f) +
    lost2_5(f) +
    lost2_6(f) +
    lost2_7(f) +
    lost2_8(f) +
    lost3_1(f) +
    lost3_2(f) +
    lost4_1(f, cz) +
    lost4_2(f) +
    lost4_3(f) +
    lost5_1(f) +
    lost5_2(f);
  return 10000 - lost;
}

/** The unit's total as a number with 2 decimals (四舍五入 is a no-op: everything is in 0.01). */
export function scorePlain(unit) {
  return totalCents(unit) / 100;
}

/** Item scores (in points) by node id, for explaining a disagreement. */
export function breakdownPlain(unit) {
  const f = unit.facts;
  const cz = unit.category === "chengzhong";
  const s = (points, lostCents) => (points * 100 - lostCents) / 100;
  return {
    一: s(36, lost1(f)),
    "二.1": s(2, lost2_1(f)),
    "二.2": s(3, lost2_2(f)),
    "二.3": s(1, lost2_3(f)),
    "二.4": s(3, lost2_4(f)),
    "二.5": s(1, lost2_5(f)),
    "二.6": s(4, lost2_6(f)),
    "二.7": s(8, lost2_7(f)),
    "二.8": s(5, lost2_8(f)),
    "三.1": s(2, lost3_1(f)),
    "三.2": s(13, lost3_2(f)),
    "四.1": s(6, lost4_1(f, cz)),
    "四.2": s(4, lost4_2(f)),
    "四.3": s(1, lost4_3(f)),
    "五.1": s(4, lost5_1(f)),
    "五.2": s(7, lost5_2(f)),
  };
}
