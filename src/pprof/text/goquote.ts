/**
 * Go's %q quoting, read back: the `# labels: {"key":"value", …}` line of a goroutine debug=1
 * profile quotes each key and value so. Returns the string and the index after its closing quote,
 * or null when `s` has no well-formed quoted string at `start`.
 */
export function unquoteGo(s: string, start: number): { value: string; end: number } | null {
  if (s[start] !== '"') return null;
  let out = '';
  let i = start + 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') return { value: out, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = s.slice(i + 2, i + 2 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return null;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return null;
      // (\xHH is a byte; %q writes it only for bytes that are not valid UTF-8, kept as U+00HH)
      out += String.fromCodePoint(code);
      i += 2 + width;
      continue;
    }
    if (e !== undefined && e >= '0' && e <= '7') {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 4;
      continue;
    }
    return null;
  }
  return null;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** `{"k":"v", "k2":"v2"}` as Go's labelMap prints it, or null when it is not of that form. */
export function parseLabelSet(s: string): [string, string][] | null {
  const out: [string, string][] = [];
  let i = 0;
  if (s[i++] !== '{') return null;
  if (s[i] === '}') return i + 1 === s.length ? out : null;
  for (;;) {
    const key = unquoteGo(s, i);
    if (!key || s[key.end] !== ':') return null;
    const value = unquoteGo(s, key.end + 1);
    if (!value) return null;
    out.push([key.value, value.value]);
    i = value.end;
    if (s[i] === '}') return i + 1 === s.length ? out : null;
    if (s[i] !== ',') return null;
    i++;
    while (s[i] === ' ') i++;
  }
}
