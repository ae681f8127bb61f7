import type { FiledDocument, FiledForm, Grid } from '../filed-document';
import { shownIds } from './html';
import { EVIDENCE_TITLE, evidenceNotes, placeCells, SIGNATURE_FIELDS } from './layout';

/**
 * Text from the ledger (project names, narratives) as Markdown text, never markup: a Markdown viewer renders
 * raw HTML, so whatever could open a tag or an entity is escaped (a project named `<script>` shows as typed, runs
 * nothing), while a target such as `<30秒` or `≥90%` prints as it is.
 */
const text = (value: string) =>
  value.replace(/&(?=[#A-Za-z])/g, '&amp;').replace(/<([A-Za-z/!?][^<>]*)(>?)/g, (_tag, inner: string, close: string) => `&lt;${inner}${close ? '&gt;' : ''}`);
const cellText = (value: string) => text(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A grid as a pipe table: merged cells print their text once (top-left), the cells they cover stay empty. */
function gridMarkdown(grid: Grid): string {
  const width = grid.columns.length;
  const matrix = grid.rows.map(() => Array<string>(width).fill(''));
  for (const p of placeCells(grid)) if (matrix[p.row] && p.col < width) matrix[p.row][p.col] = cellText(p.cell.text);
  const headerRows = Math.max(1, grid.headerRows);
  const header = matrix.slice(0, headerRows).reduce((acc, row) => acc.map((a, i) => [a, row[i]].filter(Boolean).join(' ')), Array<string>(width).fill(''));
  const numeric = placeCells(grid).filter((p) => p.row >= headerRows && p.cell.figure).map((p) => p.col);
  const rule = header.map((_, i) => (numeric.includes(i) ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(rule), ...matrix.slice(headerRows).map(line)].join('\n');
}

function formMarkdown(form: FiledForm, first: boolean): string {
  const parts = [`${first ? '#' : '##'} ${text(form.title)}`];
  if (form.subtitle) parts.push(text(form.subtitle));
  let unitShown = false;
  for (const block of form.blocks) {
    if (block.type === 'heading') parts.push(`${'#'.repeat(block.level + 2)} ${text(block.text)}`);
    else if (block.type === 'paragraph') parts.push(text(block.text));
    else {
      if (form.unit && !unitShown) parts.push(`金额单位：${form.unit}`);
      unitShown = true;
      parts.push(gridMarkdown(block));
    }
  }
  if (form.signature) parts.push(SIGNATURE_FIELDS.join('　　　　'));
  return parts.join('\n\n');
}

/** Markdown of a filed document: the forms in order, grids as pipe tables, the evidence as a last list. */
export function renderFiledMarkdown(doc: FiledDocument): string {
  const notes = evidenceNotes(doc);
  const evidence = notes.length ? [`## ${EVIDENCE_TITLE}`, notes.map((n) => text(`${n.number}. ${n.form} · ${n.where}：${shownIds(n.ids).replace(/\n/g, '、')}`)).join('\n')].join('\n\n') : '';
  return `${[...doc.forms.map((f, i) => formMarkdown(f, i === 0)), evidence].filter(Boolean).join('\n\n')}\n`;
}
