import type { Decimal } from "../../decimal.js";

/** T4: events answered late or not at all. */
export interface DeadlineEffect {
  type: "deadline";
  limit: string;
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
