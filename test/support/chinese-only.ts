/**
 * What a finance office reads is Chinese (architecture §9): this finds the Latin words left in a document's or
 * a page's text, beyond a short allow-list.
 *
 * Not counted as words (they are data, not language):
 * - tokens that mix letters and digits or carry a hyphen/underscore/dot inside (event ids like `c-0003`,
 *   `3f2a…` uuids, project ids like `kf-2020-gfyl`), and whole uuids;
 * - single letters used as formula symbols in the forms (A, B, the 全年预算数（A） / 执行率（B/A） columns).
 * The allow-list (ALLOWED_LATIN) holds the few Latin words a filed form may print; extend it only with a reason.
 */
export const ALLOWED_LATIN: readonly string[] = [
  // units are Chinese (元, 万元, 人, 天) or signs (%); the only Latin word is one the offices print in their own texts:
  // DRG (按疾病诊断相关分组付费), in the indicator names and actuals of seed 000 (乐山 2019: 推行医保支付方式改革和DRG试点)
  'DRG',
];

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** A run of ASCII letters, digits and the joiners that make identifiers. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9_.\-/]*[A-Za-z0-9]|[A-Za-z0-9]/g;

/** The Latin words in `text` beyond `allow` (and ALLOWED_LATIN), in order of appearance, each once. */
export function latinWords(text: string, allow: readonly string[] = []): string[] {
  const allowed = new Set([...ALLOWED_LATIN, ...allow].map((w) => w.toLowerCase()));
  const found = new Set<string>();
  // A character entity (&gt; in a Markdown or HTML cell for a printed ">90%") is markup, not a word on the page.
  for (const token of text.replace(UUID, ' ').replace(/&(?:[a-z]+|#\d+);/gi, ' ').match(TOKEN) ?? []) {
    if (!/[A-Za-z]/.test(token)) continue;
    if (/[0-9]/.test(token)) continue;
    for (const word of token.split(/[/]/)) {
      if (!/^[A-Za-z][A-Za-z_.\-]*$/.test(word)) continue;
      if (word.length === 1) continue;
      if (allowed.has(word.toLowerCase())) continue;
      found.add(word);
    }
  }
  return [...found];
}

/** Placeholders an office would not file, Latin or not: evidence counters in the body, multiplied event kinds. */
const PLACEHOLDERS = [/\[\d+\s*条依据\]/g, /[A-Za-z]+\s*×\s*\d+/g, /待录入/g];

export function placeholders(text: string): string[] {
  return PLACEHOLDERS.flatMap((pattern) => text.match(pattern) ?? []);
}
