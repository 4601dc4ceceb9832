import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * GitHub's published OpenAPI description (@octokit/openapi, api.github.com) and a small checker
 * for it: operation lookup by method and path, parameters, request bodies, response statuses and
 * JSON bodies (types, nullable, required properties, enums, items, allOf/anyOf/oneOf).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = any;

const require = createRequire(import.meta.url);
const specPath = require.resolve('@octokit/openapi/generated/api.github.com.json');
export const spec: any = JSON.parse(readFileSync(specPath, 'utf8'));

function deref(x: any): any {
  let cur = x;
  for (let i = 0; cur && typeof cur === 'object' && typeof cur.$ref === 'string' && i < 20; i++) {
    const parts = cur.$ref.replace(/^#\//, '').split('/');
    cur = parts.reduce((o: any, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return cur;
}

export interface Operation {
  template: string;
  method: string;
  op: any;
  params: Record<string, string>;
}

const templates = Object.keys(spec.paths).map((t) => {
  const names: string[] = [];
  const re = new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, n) => (names.push(n), '([^/]+)'))}$`);
  const literal = t.split('/').filter((s) => s && !s.startsWith('{')).length;
  return { t, re, names, literal };
});

/** The operation for a request: the matching path template with the most literal segments. */
export function findOperation(method: string, path: string): Operation | undefined {
  let best: Operation | undefined;
  let bestLiteral = -1;
  for (const { t, re, names, literal } of templates) {
    const m = re.exec(path);
    const op = m && spec.paths[t][method.toLowerCase()];
    if (!m || !op || literal <= bestLiteral) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    best = { template: t, method: method.toUpperCase(), op, params };
    bestLiteral = literal;
  }
  return best;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Errors of a value against a schema ('' = valid). */
export function checkSchema(value: unknown, schemaIn: Schema, where = '$', depth = 0): string[] {
  const schema = deref(schemaIn);
  if (!schema || depth > 60) return [];
  const errors: string[] = [];
  if (value === null) {
    if (schema.nullable || schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return [];
    if (schema.anyOf || schema.oneOf) {
      const alts = (schema.anyOf ?? schema.oneOf).map(deref);
      if (alts.some((a: any) => a.nullable)) return [];
    }
    if (schema.type || schema.properties) return [`${where}: null where ${schema.type ?? 'object'} is required`];
  }
  if (schema.allOf) for (const s of schema.allOf) errors.push(...checkSchema(value, s, where, depth + 1));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (schema[key]) {
      const results = schema[key].map((s: Schema) => checkSchema(value, s, where, depth + 1));
      if (!results.some((r: string[]) => r.length === 0))
        errors.push(`${where}: matches none of ${key}: ${results.map((r: string[]) => r[0]).join(' / ')}`);
    }
  }
  if (value === null) return errors;
  const types: string[] = schema.type ? (Array.isArray(schema.type) ? schema.type : [schema.type]) : [];
  const actual = typeOf(value);
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
    return [...errors, `${where}: ${actual} where ${types.join('|')} is required`];
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (actual === 'string' && schema.format === 'date-time' && Number.isNaN(Date.parse(value as string)))
    errors.push(`${where}: not a date-time`);
  if (actual === 'string' && schema.format === 'uri' && !/^[a-z][a-z0-9+.-]*:/i.test(value as string)) errors.push(`${where}: not a URI`);
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${where}: required property ${r} is missing`);
    for (const [k, v] of Object.entries(obj)) {
      const ps = schema.properties?.[k];
      if (ps) errors.push(...checkSchema(v, ps, `${where}.${k}`, depth + 1));
      else if (schema.additionalProperties === false) errors.push(`${where}: property ${k} is not allowed`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...checkSchema(v, schema.additionalProperties, `${where}.${k}`, depth + 1));
      }
    }
  }
  if (actual === 'array' && schema.items)
    (value as unknown[]).forEach((v, i) => errors.push(...checkSchema(v, schema.items, `${where}[${i}]`, depth + 1)));
  return errors;
}

/** A minimal valid value of a schema (required properties only), with `over` deep-merged on top. */
export function synthesize(schemaIn: Schema, over?: unknown, depth = 0): any {
  const schema = deref(schemaIn);
  if (over !== undefined && (over === null || typeof over !== 'object' || Array.isArray(over))) return over;
  if (!schema || depth > 30) return over ?? null;
  if (schema.allOf)
    return schema.allOf.reduce((acc: any, s: Schema) => ({ ...acc, ...synthesize(s, undefined, depth + 1) }), over ? { ...over } : {});
  if ((schema.anyOf || schema.oneOf) && !schema.type) return synthesize((schema.anyOf ?? schema.oneOf)[0], over, depth + 1);
  if (schema.nullable && over === undefined) return null;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    const o = (over ?? {}) as Record<string, unknown>;
    for (const r of schema.required ?? []) out[r] = synthesize(schema.properties?.[r] ?? {}, o[r], depth + 1);
    for (const [k, v] of Object.entries(o)) out[k] = schema.properties?.[k] ? synthesize(schema.properties[k], v, depth + 1) : v;
    return out;
  }
  if (schema.enum) return schema.enum[0];
  switch (type) {
    case 'array':
      return [];
    case 'string':
      return schema.format === 'date-time' ? '2026-11-01T00:00:00Z' : schema.format === 'uri' ? 'https://api.github.com/placeholder' : 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

export function component(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

function paramsOf(op: any): any[] {
  return (op.parameters ?? []).map(deref);
}

function checkScalar(value: string, schema: Schema, where: string): string[] {
  const s = deref(schema);
  if (!s) return [];
  if ((s.type === 'integer' || s.type === 'number') && !/^-?\d+(\.\d+)?$/.test(value)) return [`${where}: "${value}" is not a ${s.type}`];
  if (s.type === 'boolean' && !/^(true|false)$/.test(value)) return [`${where}: "${value}" is not a boolean`];
  if (s.enum && !s.enum.map(String).includes(value)) return [`${where}: "${value}" is not one of ${s.enum.join(', ')}`];
  if (s.oneOf) {
    const ok = s.oneOf.some((alt: Schema) => checkScalar(value, alt, where).length === 0);
    if (!ok) return [`${where}: "${value}" matches none of its alternatives`];
  }
  return [];
}

/** Problems with a request: unknown operation, parameters, body. */
export function checkRequest(
  method: string,
  url: URL,
  body: string,
  contentType: string | undefined,
): { op?: Operation; errors: string[] } {
  const op = findOperation(method, url.pathname);
  if (!op) return { errors: [`${method} ${url.pathname}: no such operation in GitHub's API description`] };
  const errors: string[] = [];
  const where = `${method} ${op.template}`;
  const params = paramsOf(op.op);
  for (const p of params.filter((p) => p.in === 'path'))
    errors.push(...checkScalar(op.params[p.name] ?? '', p.schema, `${where} path ${p.name}`));
  const query = params.filter((p) => p.in === 'query');
  for (const p of query)
    if (p.required && !url.searchParams.has(p.name)) errors.push(`${where}: required query parameter ${p.name} missing`);
  for (const [k, v] of url.searchParams) {
    const p = query.find((q) => q.name === k);
    if (!p) errors.push(`${where}: unknown query parameter ${k}`);
    else errors.push(...checkScalar(v, p.schema, `${where} query ${k}`));
  }
  const rb = deref(op.op.requestBody);
  if (rb) {
    if (!body) {
      if (rb.required) errors.push(`${where}: request body required`);
    } else {
      if (!contentType?.startsWith('application/json')) errors.push(`${where}: request body is ${contentType ?? 'untyped'}, not JSON`);
      try {
        errors.push(...checkSchema(JSON.parse(body), rb.content?.['application/json']?.schema, `${where} body`));
      } catch {
        errors.push(`${where}: request body is not JSON`);
      }
    }
  } else if (body) errors.push(`${where}: takes no request body`);
  return { op, errors };
}

/**
 * Problems with a response to an operation. `fault` marks an injected server fault (5xx, 429):
 * any endpoint can answer those, whether or not the description lists them.
 */
export function checkResponse(op: Operation, status: number, headers: Record<string, string>, body: unknown, fault = false): string[] {
  const where = `${op.method} ${op.template} → ${status}`;
  const responses = op.op.responses ?? {};
  const declared = deref(responses[String(status)] ?? responses.default);
  if (!declared) return fault ? [] : [`${where}: status not in GitHub's API description (${Object.keys(responses).join(', ')})`];
  const errors: string[] = [];
  for (const [name, h] of Object.entries<any>(declared.headers ?? {})) {
    if (name.toLowerCase() === 'location' && status >= 300 && status < 400 && !headers.location)
      errors.push(`${where}: Location header missing`);
    void h;
  }
  const schema = declared.content?.['application/json']?.schema;
  if (schema) errors.push(...checkSchema(body, schema, where));
  else if (body !== undefined && body !== '' && status !== 302) errors.push(`${where}: the description has no body for this status`);
  return errors;
}
