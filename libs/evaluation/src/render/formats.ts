export const RENDER_FORMATS = ['json', 'md', 'html', 'xlsx', 'docx', 'pdf'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export interface Rendered {
  format: RenderFormat;
  contentType: string;
  body: Buffer;
}

/** Content type of each format (every document uses the same). */
export const RENDER_CONTENT_TYPES: Record<RenderFormat, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};
