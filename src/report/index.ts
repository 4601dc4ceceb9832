import type { Comparison } from '../analysis/types.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export type Format = 'text' | 'markdown' | 'json' | 'html';
export const FORMATS: readonly Format[] = ['text', 'markdown', 'json', 'html'];

/** The html format is one self-contained file per comparison, built from the profiles too. */
export { htmlOutputPaths, renderHtml, renderHtmlReports } from './html.js';

/** The formats that are one text for all comparisons. */
export type TextFormat = Exclude<Format, 'html'>;

export function renderReport(comparisons: Comparison[], format: TextFormat, options: { top: number }): string {
  switch (format) {
    case 'json':
      return renderJson(comparisons);
    case 'markdown':
      return renderMarkdown(comparisons, options);
    case 'text':
      return renderText(comparisons, options);
  }
}
