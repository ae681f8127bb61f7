import type { ProgramView } from '@bem/regions';
import type { DisplayUnit } from '../filed-document';
import { renderFiledDocument } from '../filed';
import type { RenderFormat, Rendered } from '../formats';
import { programDocument } from './program-outline';

/** The 转移支付区域绩效目标自评表 (`bem program`, GET …/programs/{program}) in any format; `json` is the program view. */
export async function renderProgram(view: ProgramView, format: RenderFormat, display?: DisplayUnit): Promise<Rendered> {
  return renderFiledDocument(programDocument(view, display), format, () => view);
}
