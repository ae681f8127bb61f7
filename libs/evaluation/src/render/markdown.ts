import type { EvaluationReport, ReportTable } from '../model/report';
import { type Block, outline } from './outline';

const cell = (value: string | null) => (value ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(t: ReportTable): string {
  const head = `**${t.title}**${t.unit ? `（金额单位：${t.unit}）` : ''}`;
  const header = `| ${t.columns.map((c) => c.label).join(' | ')} |`;
  const rule = `| ${t.columns.map((c) => (c.kind === 'text' ? '---' : '---:')).join(' | ')} |`;
  const rows = t.rows.map((row) => `| ${t.columns.map((c) => cell(row.cells[c.key] ?? null)).join(' | ')} |`);
  return [head, '', header, rule, ...rows].join('\n');
}

/** Markdown: the same blocks as the DOCX, tables as pipe tables. */
export function renderMarkdown(report: EvaluationReport): string {
  return blocksToMarkdown(outline(report));
}

/** Any outline (the year-end report, the 转移支付区域绩效目标自评表 …) as Markdown. */
export function blocksToMarkdown(blocks: Block[]): string {
  const parts = blocks.map((block) => {
    switch (block.type) {
      case 'title':
        return `# ${block.text}`;
      case 'heading':
        return `${'#'.repeat(block.level + 1)} ${block.text}`;
      case 'paragraph':
        return block.text;
      case 'list':
        return block.items.map((item) => `- ${item.text}`).join('\n');
      case 'table':
        return table(block.table);
      default: {
        const unhandled: never = block;
        return String(unhandled);
      }
    }
  });
  return `${parts.join('\n\n')}\n`;
}
