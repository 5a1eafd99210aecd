/**
 * The 考核内容明细表 rendered from a rule set's data (issue 13 item 1): Markdown, HTML, XLSX and
 * DOCX from one model, so that the published table and the scored rules cannot drift apart.
 */
export { rulesTableDocument, rulesTableToDocx } from "./docx.js";
export { rulesTableToHtml } from "./html.js";
export { rulesTableToMarkdown } from "./markdown.js";
export {
  buildRulesTable,
  type RulesTable,
  type RulesTableGroup,
  type RulesTableOptions,
  type RulesTableRow,
  type RulesTableSection,
  type RulesTableSpecial,
  type RulesTableSpecialLine,
} from "./model.js";
export { rulesTableSheets, rulesTableToXlsx, rulesTableToXlsxWith } from "./xlsx.js";
