import { createHash } from 'node:crypto';
import { escapeHtml } from './escape.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The <head> of every self-contained page pprof-gate writes (flame graph, main's history, growth
 * over time): a Content-Security-Policy that allows the page's own inline style (and script, when it
 * has one) by hash and nothing else, no referrer, and the title (given unescaped).
 */
export function pageHead(page: { title: string; style: string; script?: string }): string {
  const script = page.script === undefined ? '' : ` script-src ${sha256(page.script)};`;
  const csp = `default-src 'none';${script} style-src ${sha256(page.style)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>`;
}
