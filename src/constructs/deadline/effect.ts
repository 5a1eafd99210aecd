import type { Decimal } from "../../decimal.js";

/** T4: events answered late or not at all. */
export interface DeadlineEffect {
  type: "deadline";
  /** The limit as said: 30个工作日, 1年, 每年11月底. */
  limit: string;
  /** Set when the limit is a day every year (said 限每年11月底前完成, not …内完成). */
  annual?: true;
  noun: string;
  late: number;
  missed: number;
  each: Decimal;
  missAmount: Decimal;
  raw: Decimal;
  /** Each late or missed event: its label, date, due time and response (none: missed). */
  events: { label: string; date: string; due: string; done?: string }[];
  cap?: Decimal;
}
