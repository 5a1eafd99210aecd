// The deterministic units of the 湖北 benchmarks (bench/run.mjs, bench/cohort.mjs): every fact of
// rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml, from a seeded PRNG, so that every run scores
// the same units. The distributions are described in bench/README.md.
/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeGenerator(seed) {
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p) => rnd() < p;
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  /** A requirement met (检查项): mostly true. */
  const ok = () => chance(0.85);
  /** A breach (违规情形): mostly false. */
  const breach = () => chance(0.12);
  /** A count of occurrences: mostly 0–3, sometimes large enough that the caps bite. */
  const count = () => (chance(0.88) ? pick([0, 0, 0, 1, 1, 2, 3]) : int(4, 40));
  /**
   * A rate in %: 60–100 with one decimal, often exactly 100; a 3% tail down to 20% so that the
   * 5-point cap of 二.8 (reached only below 55%) is exercised too.
   */
  const rate = () => (chance(0.3) ? 100 : chance(0.97) ? int(600, 1000) / 10 : int(200, 599) / 10);
  const subjects = ["单位1", "单位2", "单位3", "单位4", "单位5"];
  /** Findings by sub-unit (每处/每人, 一个单位最多扣…): counts that sometimes pass 5 per unit. */
  const findings = () => {
    if (chance(0.45)) return [];
    const n = chance(0.9) ? int(1, 4) : int(5, 12);
    const out = [];
    for (let i = 0; i < n; i++) {
      const f = { subject: pick(subjects) };
      if (chance(0.5)) f.count = chance(0.85) ? int(1, 3) : int(4, 9);
      out.push(f);
    }
    return out;
  };
  const funds = () => {
    const n = chance(0.65) ? 0 : chance(0.9) ? int(1, 3) : int(4, 25);
    const out = [];
    for (let i = 0; i < n; i++) out.push({ note: `专项资金${int(1, 60)}` });
    return out;
  };
  const replyKinds = ["应回复未回复", "不应公开而公开答复"];
  const replyFailures = () => {
    const n = chance(0.6) ? 0 : chance(0.85) ? int(1, 3) : int(4, 12);
    const out = [];
    for (let i = 0; i < n; i++) {
      const f = { kind: pick(replyKinds) };
      if (chance(0.3)) f.count = int(1, 4);
      out.push(f);
    }
    return out;
  };

  const pad = (n) => String(n).padStart(2, "0");
  /** A date between 2008-11-20 and 2009-07-10, so that some fall outside (二)'s window. */
  const dateIn = () => {
    const t = Date.UTC(2008, 10, 20) + int(0, 232) * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  };
  const plusDays = (d, n) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  /** Staffing changes and their updates: mostly prompt, some after the 30 working days. */
  const changes = () => {
    const n = chance(0.5) ? 0 : int(1, 3);
    const out = [];
    for (let i = 0; i < n; i++) {
      const date = dateIn();
      out.push({ date, done: plusDays(date, chance(0.8) ? int(0, 40) : int(41, 70)) });
    }
    return out;
  };
  /** News items per month: mostly two or more, now and then a month short or not given. */
  const news = () => {
    const out = {};
    for (let m = 1; m <= 6; m++)
      if (!chance(0.03)) out[`2009-${pad(m)}`] = chance(0.93) ? int(2, 6) : int(0, 1);
    if (chance(0.2)) out["2008-12"] = int(0, 3);
    return out;
  };

  return (i) => {
    const approved = int(100, 3000);
    const facts = {
      funds_late: funds(),
      funds_reduced_without_approval: chance(0.03),
      staffing_info_incomplete: breach(),
      staffing_changes: changes(),
      staffing_secrecy_breach: chance(0.05),
      admin_posts_total: chance(0.15) ? approved + int(1, 40) : approved - int(0, 60),
      admin_posts_approved: approved,
      staffing_diff_unexplained: breach(),
      actual_public_unexplained: breach(),
      overview_parts_missing: chance(0.8) ? 0 : int(1, 2),
      overview_misplaced: breach(),
      overview_defects: count(),
      duties_blank_units: count(),
      duties_irregular_units: count(),
      staffing_table_blanks: count(),
      staffing_table_errors: count(),
      internal_org_blanks: findings(),
      internal_org_errors: findings(),
      staff_blanks: findings(),
      staff_errors: findings(),
      realname_rate_admin: rate(),
      realname_rate_institutions: rate(),
      complaints_reported_and_handled: ok(),
      reply_failures: replyFailures(),
      replies_late: count(),
      replies_perfunctory: count(),
      password_reply_misuse: count(),
      rural_query_points_active: ok(),
      school_query_activities: ok(),
      mobile_query_activities: ok(),
      news_monthly: news(),
      info_timely_updated: ok(),
      free_query_point_ok: ok(),
      special_staff_in_place: ok(),
      half_year_summary_submitted: ok(),
      self_assessment_done: ok(),
      other_tasks_done: ok(),
      exposure_not_reported_48h: chance(0.06),
      leads_not_reported: chance(0.06),
      tech_staff_and_rules: ok(),
      site_distinctive: ok(),
      pages_tidy: ok(),
      pages_correct: ok(),
      free_query_column: ok(),
      data_orderly: ok(),
    };
    return { id: `U${i + 1}`, category: chance(0.2) ? "chengzhong" : "other", facts };
  };
}

export function generateUnits(n, seed) {
  const gen = makeGenerator(seed);
  const units = new Array(n);
  for (let i = 0; i < n; i++) units[i] = gen(i);
  return units;
}

/**
 * The toy rule's units (bench/peers/toy-rules.yaml): N units { id, facts: { misses, fraud } }:
 * misses 0 (40%), 1–3 (35%), 4–9 (18%), 10–25 (7%, the cap bites); fraud 3% of the time.
 */
export function generateToyUnits(n, seed) {
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const units = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const misses = r < 0.4 ? 0 : r < 0.75 ? int(1, 3) : r < 0.93 ? int(4, 9) : int(10, 25);
    units[i] = { id: `U${i + 1}`, facts: { misses, fraud: rnd() < 0.03 } };
  }
  return units;
}
