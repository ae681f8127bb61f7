export * from './render-filed';
export { renderFiledHtml } from './html';
export { renderFiledDocx } from './docx';
export { renderFiledXlsx } from './xlsx';
export { renderFiledMarkdown } from './markdown';
export { renderFiledPdf, chromiumPath, CHROMIUM_ARGS } from './pdf';
export { evidenceNotes, placeCells, type EvidenceNote, type PlacedCell } from './layout';
