/** The evaluation report (the `bem evaluate --json` document, architecture §5; extra fields are additions). */
export interface ScoredItem {
  name: string;
  weight: string;
  /** 2 decimals half-up; null while a manual score or an assessment is missing */
  score: string | null;
  formula: string;
  inputs: Record<string, string | null>;
  evidence: string[];
  /** computed | manual | qualitative | pending */
  basis: 'computed' | 'manual' | 'qualitative' | 'pending';
  justification?: string;
}

export interface ScoredSection {
  name: string;
  weight: string;
  score: string;
  items: ScoredItem[];
}

export interface IndicatorRow {
  indicatorId: string;
  projectId: string | null;
  projectName: string | null;
  level1: string;
  level2: string;
  name: string;
  /** as entered */
  target: string;
  /** latest actual as entered, null if none */
  actual: string | null;
  met: boolean | null;
  score: string | null;
  weight: string | null;
  /** 未完成原因 / 未填报 / 待定性评价 … */
  note: string;
  evidence: string[];
}

export type CellKind = 'text' | 'wan' | 'percent' | 'score';

export interface TableColumn {
  key: string;
  label: string;
  kind: CellKind;
}

export interface TableRow {
  cells: Record<string, string | null>;
  /** event ids behind the row's figures */
  evidence: string[];
  /** indentation level for sub-rows (其中 …) */
  depth?: number;
}

/** A table of the report (rendered as a sheet in XLSX, a table in DOCX/HTML/Markdown). */
export interface ReportTable {
  id: string;
  title: string;
  /** 金额单位 shown above the table */
  unit: string | null;
  columns: TableColumn[];
  rows: TableRow[];
}

export interface Ratio {
  key: string;
  name: string;
  /** percent, 2 decimals; null when its denominator is zero or not recorded */
  value: string | null;
  formula: string;
  evidence: string[];
}

export interface Finding {
  kind: 'checkpoint-missed' | 'project-below-threshold' | 'adjustment' | 'indicator-not-met' | 'indicator-without-actual' | 'ratio' | 'pending-score' | 'stated-mismatch';
  severity: 'high' | 'medium' | 'info';
  text: string;
  projectId: string | null;
  evidence: string[];
}

export interface Mismatch {
  label: string;
  stated: string;
  computed: string | null;
  figure: string;
  /** true when equal at the stated precision */
  matches: boolean;
  source: string | null;
  evidence: string[];
}

export interface EvaluationReport {
  profile: string;
  profileTitle: string;
  department: { code: string; name: string };
  fiscalYear: number;
  totalScore: string;
  /** Sum of the profile's weights; the grade is on totalScore / maxScore × 100 */
  maxScore: string;
  /** null while any score item is still pending (待评分): no final grade until every item is scored */
  grade: '优' | '良' | '中' | '差' | null;
  /** the score items still waiting for a manual score or an assessment, and their 分值 together (null: none) */
  pending: { items: string[]; weight: string } | null;
  sections: ScoredSection[];
  indicators: IndicatorRow[];
  findings: Finding[];
  ratios: Ratio[];
  tables: ReportTable[];
  /** generated sentences and the office's own texts, by section */
  narrative: { section: string; text: string; generated: boolean }[];
  consistency: Mismatch[];
  /** the bi-temporal view it was read under (asOf / knownAt null: the year-end, everything recorded so far) */
  view?: { asOf: string | null; knownAt: string | null };
}
