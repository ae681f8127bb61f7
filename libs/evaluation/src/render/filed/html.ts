import { type Cell, DENSE_COLUMNS, type FiledDocument, type FiledForm, type FormBlock, type Grid } from '../filed-document';
import { columnFractions, EVIDENCE_TITLE, type EvidenceNote, evidenceNotes, SIGNATURE_FIELDS, SIGNATURE_SHARES } from './layout';
import { BODY_FONTS, LANDSCAPE_MARGINS_MM, MARGINS_MM, SIZE_PT, TITLE_FONTS } from './look';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fonts = (names: string[]) => `${names.map((n) => `"${n}"`).join(',')},serif`;
const mm = (m: { top: number; right: number; bottom: number; left: number }) => `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;

const STYLE = `@page{size:A4 portrait;margin:${mm(MARGINS_MM)}}
@page landscape{size:A4 landscape;margin:${mm(LANDSCAPE_MARGINS_MM)}}
body{font-family:${fonts(BODY_FONTS)};font-size:${SIZE_PT.body}pt;color:#000;line-height:1.5;margin:0}
@media screen{body{max-width:210mm;margin:2em auto;padding:0 1em}}
section.form+section.form{break-before:page}
section.form.landscape{page:landscape}
@media screen{section.form.landscape{max-width:none}}
h1{font-family:${fonts(TITLE_FONTS)};font-size:${SIZE_PT.title}pt;font-weight:normal;text-align:center;margin:0 0 .3em}
h1.form-title{font-size:${SIZE_PT.formTitle + 2}pt}
p.subtitle{text-align:center;margin:0 0 .6em;font-size:${SIZE_PT.body}pt}
h2{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-size:${SIZE_PT.formTitle}pt;font-weight:normal;margin:.6em 0 .2em}
h3{font-family:"楷体_GB2312","楷体","KaiTi",${fonts(BODY_FONTS)};font-size:${SIZE_PT.formTitle}pt;font-weight:bold;margin:.5em 0 .2em}
h4{font-size:${SIZE_PT.body}pt;font-weight:bold;margin:.4em 0 .2em}
p{text-indent:2em;margin:0 0 .2em;text-align:justify}
p.unit{text-indent:0;text-align:right;font-size:${SIZE_PT.table}pt;margin:.2em 0}
table.grid{border-collapse:collapse;width:100%;table-layout:fixed;font-size:${SIZE_PT.table}pt;line-height:1.35;margin:.2em 0 .6em;page-break-inside:auto}
table.grid th,table.grid td{border:.75pt solid #000;padding:1.2mm 1.2mm;vertical-align:middle;word-break:normal;overflow-wrap:anywhere}
table.grid th,table.grid td.label{font-weight:bold;text-align:center}
td.right{text-align:right;white-space:nowrap}td.center{text-align:center}td.left{text-align:left}
section.signed p{font-size:12pt;text-indent:0;line-height:1.4}section.signed h1{font-size:${SIZE_PT.formTitle + 2}pt}section.signed h2{font-size:${SIZE_PT.heading}pt}
table.grid.dense{font-size:${SIZE_PT.small}pt}table.grid.dense th,table.grid.dense td{padding:.8mm .8mm}
table.signature{width:100%;margin-top:1em;font-size:${SIZE_PT.table + 1}pt;border:none}
table.signature td{border:none;padding:.3em 0}
a.evidence{color:inherit;text-decoration:none}
table.evidence td{font-size:${SIZE_PT.small}pt}table.evidence td.ids{white-space:nowrap;word-break:normal;overflow-wrap:normal}`;

function cellHtml(cell: Cell, header: boolean, note: Map<Cell, EvidenceNote>): string {
  const tag = header ? 'th' : 'td';
  const classes = [cell.label && !header ? 'label' : '', !header ? (cell.align ?? (cell.figure ? 'right' : 'left')) : ''].filter(Boolean).join(' ');
  const spans = `${(cell.colSpan ?? 1) > 1 ? ` colspan="${cell.colSpan}"` : ''}${(cell.rowSpan ?? 1) > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
  const n = note.get(cell);
  const text = esc(cell.text).replace(/\n/g, '<br>');
  const body = n ? `<a class="evidence" href="#evidence-${n.number}" title="依据：${n.ids.length}条事件" data-evidence="${esc(n.ids.join(' '))}">${text}</a>` : text;
  return `<${tag}${classes ? ` class="${classes}"` : ''}${spans}>${body}</${tag}>`;
}

function gridHtml(grid: Grid, note: Map<Cell, EvidenceNote>, orientation: FiledForm['orientation']): string {
  const cols = columnFractions(grid, orientation).map((f) => `<col style="width:${(f * 100).toFixed(2)}%">`).join('');
  const rows = grid.rows.map((row, r) => `<tr>${row.map((cell) => cellHtml(cell, r < grid.headerRows, note)).join('')}</tr>`);
  const head = rows.slice(0, grid.headerRows).join('');
  const body = rows.slice(grid.headerRows).join('');
  return `<table class="grid${grid.columns.length > DENSE_COLUMNS ? ' dense' : ''}"><colgroup>${cols}</colgroup>${head ? `<thead>${head}</thead>` : ''}<tbody>${body}</tbody></table>`;
}

function blockHtml(block: FormBlock, note: Map<Cell, EvidenceNote>, paragraphNote: Map<FormBlock, EvidenceNote>, orientation: FiledForm['orientation']): string {
  if (block.type === 'heading') return `<h${block.level + 1}>${esc(block.text)}</h${block.level + 1}>`;
  if (block.type === 'paragraph') {
    const n = paragraphNote.get(block);
    const text = esc(block.text);
    return `<p>${n ? `<a class="evidence" href="#evidence-${n.number}" title="依据：${n.ids.length}条事件" data-evidence="${esc(n.ids.join(' '))}">${text}</a>` : text}</p>`;
  }
  return gridHtml(block, note, orientation);
}

const signatureHtml = () => `<table class="signature"><tr>${SIGNATURE_FIELDS.map((f, i) => `<td style="width:${SIGNATURE_SHARES[i] * 100}%">${f}</td>`).join('')}</tr></table>`;

function formHtml(form: FiledForm, first: boolean, note: Map<Cell, EvidenceNote>, paragraphNote: Map<FormBlock, EvidenceNote>): string {
  const landscape = `${form.orientation === 'landscape' ? ' landscape' : ''}${form.signature ? ' signed' : ''}`;
  const firstGrid = form.blocks.findIndex((b) => b.type === 'grid');
  const blocks = form.blocks.map((b, i) => `${i === firstGrid && form.unit ? `<p class="unit">金额单位：${esc(form.unit)}</p>` : ''}${blockHtml(b, note, paragraphNote, form.orientation)}`);
  return `<section class="form${landscape}"><h1${first ? '' : ' class="form-title"'}>${esc(form.title)}</h1>${form.subtitle ? `<p class="subtitle">${esc(form.subtitle)}</p>` : ''}${blocks.join('\n')}${form.signature ? signatureHtml() : ''}</section>`;
}

function evidenceHtml(notes: EvidenceNote[]): string {
  if (!notes.length) return '';
  const rows = notes.map((n) => `<tr id="evidence-${n.number}"><td class="center">${n.number}</td><td>${esc(n.form)}</td><td>${esc(n.where)}</td><td class="ids">${esc(shownIds(n.ids)).replace(/\n/g, '<br>')}</td></tr>`);
  return `<section class="form"><h1 class="form-title">${EVIDENCE_TITLE}</h1><p>下列事件编号为表中数字所依据的台账记录，可在系统中逐条查询。</p><table class="grid evidence"><colgroup><col style="width:8%"><col style="width:24%"><col style="width:24%"><col style="width:44%"></colgroup><thead><tr><th>序号</th><th>表名</th><th>所在位置</th><th>依据事件编号</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** Evidence notes keyed by the cell / paragraph object they belong to (the same order as evidenceNotes). */
export function notesByOwner(doc: FiledDocument) {
  const notes = evidenceNotes(doc);
  const cells = new Map<Cell, EvidenceNote>();
  const paragraphs = new Map<FormBlock, EvidenceNote>();
  let i = 0;
  for (const form of doc.forms)
    for (const block of form.blocks) {
      if (block.type === 'paragraph' && block.evidence?.length) paragraphs.set(block, notes[i++]);
      if (block.type === 'grid') for (const cell of placedInOrder(block)) if (cell.evidence?.length) cells.set(cell, notes[i++]);
    }
  return { notes, cells, paragraphs };
}

/** The appendix lists the first few event ids of a figure and how many there are; the 依据 sheet of the XLSX has them all. */
export const shownIds = (ids: string[], first = 5) => (ids.length > first ? `${ids.slice(0, first).join('\n')}\n等共${ids.length}条` : ids.join('\n'));

const placedInOrder = (grid: Grid) => grid.rows.flat();

/** HTML of a filed document: each form a page section (A4, its own orientation), figures linked to 附：数据依据. */
export function renderFiledHtml(doc: FiledDocument): string {
  const { notes, cells, paragraphs } = notesByOwner(doc);
  const forms = doc.forms.map((form, i) => formHtml(form, i === 0, cells, paragraphs));
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${STYLE}</style></head><body>${forms.join('\n')}${evidenceHtml(notes)}</body></html>\n`;
}
