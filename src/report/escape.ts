/**
 * The one place where untrusted names (function names, file names, labels — all written by the
 * pull request's own code) are made inert for each output format.
 */

const MAX_NAME = 300;

/** Bidirectional overrides and other invisible controls that could disguise a name. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Collapse line breaks, show invisible characters as \u{…}, cap the length. */
export function sanitizeName(name: string, max = MAX_NAME): string {
  let s = name.replace(/\r\n|\r|\n|\t/g, ' ').replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Text for a GitHub markdown comment (also safe inside a table cell): no HTML, no emphasis,
 * links, images, code, table breaks, @-mentions, #-references or autolinked URLs take effect.
 */
export function escapeMarkdown(name: string): string {
  const s = sanitizeName(name);
  return (
    escapeHtml(s)
      // Markdown punctuation, including the table's pipe, loses its meaning behind a backslash.
      .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (c) => `\\${c}`)
      // A zero-width space after @ or # stops mentions and issue references; inside "://" it
      // stops autolinking. (Any zero-width spaces in the name itself were made visible above.)
      .replace(/@/g, '@\u200b')
      .replace(/\\#/g, '\\#\u200b')
      .replace(/\\:\/\//g, '\\:\u200b//')
      .replace(/www\\\./gi, (m) => `${m.slice(0, 3)}\u200b${m.slice(3)}`)
  );
}

/** Plain terminal text: no control characters or escape sequences reach the terminal. */
export function escapeText(name: string): string {
  return sanitizeName(name, 100_000);
}

/**
 * JSON text made safe to embed inside an HTML <script> element: no `</script>`, `<!--` or `&`
 * sequences, and no U+2028/U+2029 (line terminators in older JavaScript). Those characters only
 * occur inside JSON strings, where the \u escapes decode back to the same text.
 */
export function escapeScriptJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A repository-relative path for a URL: each segment percent-encoded, including the characters
 * that would end a markdown link target (`(`, `)`) or add a query or fragment.
 */
export function encodeUrlPath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
