import type { EvaluationReport, ReportTable } from '../model/report';
import { type Block, outline, titleOf } from './outline';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const evidenceAttr = (ids: string[]) => (ids.length ? ` data-evidence="${esc(ids.join(' '))}" title="依据事件 evidence: ${esc(ids.slice(0, 20).join(', '))}${ids.length > 20 ? ` … (${ids.length})` : ''}"` : '');

function table(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${esc(c.label)}</th>`).join('');
  const rows = t.rows.map((row) => {
    const cells = t.columns.map((c) => `<td class="${c.kind}"${row.depth ? ` style="padding-left:${0.4 + row.depth}em"` : ''}>${esc(row.cells[c.key] ?? '—')}</td>`).join('');
    return `<tr${evidenceAttr(row.evidence)}>${cells}</tr>`;
  });
  return `<figure id="${t.id}"><figcaption>${esc(t.title)}${t.unit ? `<span class="unit">金额单位：${t.unit}</span>` : ''}</figcaption><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></figure>`;
}

const STYLE = `body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC",serif;margin:2em;color:#111;line-height:1.6}
h1{text-align:center;font-size:1.5em}h2{font-size:1.2em;margin-top:1.4em}h3{font-size:1.05em}
table{border-collapse:collapse;width:100%;font-size:.8em;margin:.4em 0 1em}th,td{border:1px solid #555;padding:.2em .4em;vertical-align:top}
th{background:#eee}td.wan,td.percent,td.score{text-align:right;white-space:nowrap}figure{margin:0}figcaption{font-weight:bold;margin:.6em 0 .2em}
.unit{float:right;font-weight:normal}.evidence{color:#666;font-size:.75em}`;

/** HTML: the report with every row and finding carrying its evidence event ids (data-evidence). */
export function renderHtml(report: EvaluationReport): string {
  const sections = report.sections.map((s) => `<li>${esc(s.name)}：${s.score} / ${s.weight}<ul>${s.items.map((i) => `<li${evidenceAttr(i.evidence)}>${esc(i.name)} ${i.score ?? '待评'} / ${i.weight}：${esc(i.formula)}</li>`).join('')}</ul></li>`).join('');
  return blocksToHtml(titleOf(report), outline(report), `<h2>评分依据</h2><ul class="scoring">${sections}</ul>`);
}

/** Any outline as a standalone HTML page (the same style); `trailer` is raw HTML appended to the body. */
export function blocksToHtml(title: string, blocks: Block[], trailer = ''): string {
  const body = blocks.map((block) => {
    switch (block.type) {
      case 'title':
        return `<h1>${esc(block.text)}</h1>`;
      case 'heading':
        return `<h${block.level + 1}>${esc(block.text)}</h${block.level + 1}>`;
      case 'paragraph':
        return `<p${evidenceAttr(block.evidence ?? [])}>${esc(block.text)}</p>`;
      case 'list':
        return `<ol>${block.items.map((item) => `<li${evidenceAttr(item.evidence)}>${esc(item.text)}${item.evidence.length ? ` <span class="evidence">[${item.evidence.length} 条依据]</span>` : ''}</li>`).join('')}</ol>`;
      case 'table':
        return table(block.table);
      default: {
        const unhandled: never = block;
        return String(unhandled);
      }
    }
  });
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body.join('\n')}${trailer}</body></html>\n`;
}
