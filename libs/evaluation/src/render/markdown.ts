import type { EvaluationReport, ReportTable } from '../model/report';
import { type Block, outline } from './outline';

/**
 * Text from the ledger (project names, narratives) as Markdown text, never markup: a Markdown viewer renders
 * raw HTML, so `<`, `>` and `&` become entities (a project named `<script>` shows as typed, runs nothing).
 */
const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cell = (value: string | null) => text(value ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(t: ReportTable): string {
  const head = `**${text(t.title)}**${t.unit ? `（金额单位：${text(t.unit)}）` : ''}`;
  const header = `| ${t.columns.map((c) => cell(c.label)).join(' | ')} |`;
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
        return `# ${text(block.text)}`;
      case 'heading':
        return `${'#'.repeat(block.level + 1)} ${text(block.text)}`;
      case 'paragraph':
        return text(block.text);
      case 'list':
        return block.items.map((item) => `- ${text(item.text)}`).join('\n');
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
