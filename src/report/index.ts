import type { Comparison } from '../analysis/types.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export type Format = 'text' | 'markdown' | 'json';
export const FORMATS: readonly Format[] = ['text', 'markdown', 'json'];

export function renderReport(comparisons: Comparison[], format: Format, options: { top: number }): string {
  switch (format) {
    case 'json':
      return renderJson(comparisons);
    case 'markdown':
      return renderMarkdown(comparisons, options);
    case 'text':
      return renderText(comparisons, options);
  }
}
