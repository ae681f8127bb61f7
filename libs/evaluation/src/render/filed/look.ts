/** The look of a filed document (architecture §9), shared by every renderer that has pages. */

/** 公文 margins in millimetres (GB/T 9704: top 37, bottom 35, left 28, right 26). */
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
/** A landscape section keeps the binding edge: the portrait page turned, margins turned with it. */
export const LANDSCAPE_MARGINS_MM = { top: 28, bottom: 26, left: 37, right: 35 } as const;
export const A4_MM = { width: 210, height: 297 } as const;

/** Heading fonts first by their Windows names, then what a Linux machine has (Noto CJK). */
export const TITLE_FONTS = ['方正小标宋简体', '方正小标宋_GBK', '黑体', 'SimHei', 'Noto Serif CJK SC', 'Noto Sans CJK SC'];
export const BODY_FONTS = ['仿宋_GB2312', '仿宋', 'FangSong', '宋体', 'SimSun', 'Noto Serif CJK SC'];
/** DOCX names one font per run; Word falls back through its own table, LibreOffice through fontconfig. */
export const DOCX_TITLE_FONT = '方正小标宋简体';
export const DOCX_HEADING_FONT = '黑体';
export const DOCX_BODY_FONT = '仿宋_GB2312';
export const DOCX_TABLE_FONT = '宋体';

/** Point sizes: 二号 document title, 三号 form title, 四号 body, 五号/小五 table text. */
export const SIZE_PT = { title: 22, formTitle: 16, heading: 14, body: 14, table: 10.5, small: 9 } as const;

export const printableWidthMm = (orientation: 'portrait' | 'landscape' | undefined): number =>
  orientation === 'landscape' ? A4_MM.height - LANDSCAPE_MARGINS_MM.left - LANDSCAPE_MARGINS_MM.right : A4_MM.width - MARGINS_MM.left - MARGINS_MM.right;
