import fc from 'fast-check';

/** The parts of the server's OpenAPI document the reliability tests read. */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** A number (JSON Schema 2019+) or a flag on minimum/maximum (OpenAPI 3.0). */
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  format?: string;
  pattern?: string;
  nullable?: boolean;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Route {
  method: string;
  /** OpenAPI form: /api/v1/requests/{id} */
  path: string;
  operation: Operation;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every method + path of the document, in document order. */
export function routesOf(document: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (METHODS.has(method)) routes.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return routes;
}

export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

/** encodeURIComponent, but also for lone surrogates (encoded as the bytes Node would send: U+FFFD). */
export function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join('');
  }
}

export function fillPath(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodePathSegment(String(values[name] ?? '')));
}

export function queryParameters(route: Route): Parameter[] {
  return (route.operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
}

export function jsonBodySchema(route: Route): JsonSchema | undefined {
  return route.operation.requestBody?.content['application/json']?.schema;
}

export function isMultipart(route: Route): boolean {
  return Boolean(route.operation.requestBody?.content['multipart/form-data']);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Hostile values                                                                                               */

/** Strings meant to break something: SQL, NUL, emoji, lone surrogates, long Chinese, paths, numbers as text. */
export const hostileStrings: readonly string[] = [
  "' OR 1=1 --",
  '1; DROP TABLE users',
  "'; DELETE FROM service_requests; --",
  '" OR ""="',
  '\u0000',
  'a\u0000b',
  '😀👨‍👩‍👧‍👦🇨🇳',
  '\ud800',
  '\u202etxt.exe',
  '退役军人'.repeat(3000),
  '../../../etc/passwd',
  '..\\..\\win.ini',
  '%00%2e%2e%2f',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, literally
  '${jndi:ldap://127.0.0.1/x}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  ' ',
  '',
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((text) => `${text}\u0000${text}`) },
  );

/** Objects whose keys try prototype pollution. */
export const pollutingObject = (): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true,"role":"admin"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    JSON.parse('{"formData":{"__proto__":{"polluted":"yes"}},"serviceCode":"policy-question"}'),
    JSON.parse('{"prototype":{"polluted":"yes"},"__proto__":null}'),
  );

/** Any JSON, deep or wide, with hostile strings for keys and values now and then. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(hostileString(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }) },
    { weight: 1, arbitrary: pollutingObject() },
    { weight: 1, arbitrary: fc.array(fc.integer(), { minLength: 1000, maxLength: 3000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }).map(nested) },
  );

/** `{"a":{"a":…}}` `depth` levels deep. */
export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Values shaped like a JSON schema: they pass validation often enough to reach the handlers                    */

export function resolve(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = document.components?.schemas?.[name] ?? {};
  }
  return current;
}

const sampleDates = ['2026-11-24', '2026-10-01', '2027-02-30', '2026-13-01', '1900-01-01', '9999-12-31'];

/**
 * Values of the schema's shape, with hostile strings where strings go and edge numbers where numbers go.
 * `strings` replaces the string generator (e.g. only SQL injection), for the fixed cases.
 */
export function shapedLike(
  schema: JsonSchema,
  document: OpenApiDocument,
  strings: () => fc.Arbitrary<string> = hostileString,
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, document);
  if (depth > 6) return fc.constant(null);
  if (resolved.const !== undefined) return fc.constant(resolved.const);
  if (resolved.enum && resolved.enum.length > 0) {
    return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...resolved.enum) }, { weight: 1, arbitrary: strings() });
  }
  const variants = resolved.anyOf ?? resolved.oneOf;
  if (variants && variants.length > 0) {
    return fc.oneof(...variants.map((variant) => shapedLike(variant, document, strings, depth + 1)));
  }
  if (resolved.allOf && resolved.allOf.length > 0) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of resolved.allOf) {
      const piece = resolve(part, document);
      Object.assign(merged.properties as object, piece.properties);
      merged.required?.push(...(piece.required ?? []));
    }
    return shapedLike(merged, document, strings, depth + 1);
  }
  const types = Array.isArray(resolved.type) ? resolved.type : resolved.type ? [resolved.type] : [];
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => shapedLike({ ...resolved, type }, document, strings, depth + 1)));
  }
  const withNull = (arbitrary: fc.Arbitrary<unknown>) =>
    resolved.nullable ? fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.constant(null) }) : arbitrary;
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return withNull(fc.boolean());
    case 'integer':
    case 'number': {
      const bound = (value: number | boolean | undefined) => (typeof value === 'number' ? value : undefined);
      const min = resolved.minimum ?? bound(resolved.exclusiveMinimum) ?? -1_000_000;
      const max = resolved.maximum ?? bound(resolved.exclusiveMaximum) ?? 2 ** 31;
      return withNull(
        fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              0,
              -1,
              1.5,
              2 ** 53,
              -(2 ** 53),
              Number.MAX_SAFE_INTEGER,
              1e308,
              18446744073709552000,
            ),
          },
        ),
      );
    }
    case 'string': {
      if (resolved.format === 'date') return withNull(fc.constantFrom(...sampleDates));
      if (resolved.format === 'date-time') {
        return withNull(fc.constantFrom('2026-11-24T01:00:00.000Z', '2026-11-24T25:00:00Z', 'yesterday'));
      }
      const plain = fc.string({
        minLength: resolved.minLength ?? 0,
        maxLength: Math.max(resolved.minLength ?? 0, Math.min(resolved.maxLength ?? 30, 60)),
      });
      return withNull(fc.oneof({ weight: 3, arbitrary: strings() }, { weight: 2, arbitrary: plain }));
    }
    case 'array': {
      const items = resolved.items ? shapedLike(resolved.items, document, strings, depth + 1) : fc.jsonValue();
      return withNull(
        fc.array(items, { minLength: resolved.minItems ?? 0, maxLength: Math.min(resolved.maxItems ?? 4, 4) }),
      );
    }
    default: {
      if (!resolved.properties) {
        return depth === 0
          ? fc.dictionary(strings(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
          : fc.jsonValue({ maxDepth: 2 });
      }
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(resolved.properties)) {
        shape[name] = shapedLike(property, document, strings, depth + 1);
      }
      const required = (resolved.required ?? []).filter((name) => name in shape);
      return withNull(fc.record(shape, { requiredKeys: required }));
    }
  }
}

/** Every string of the schema's shape set to `text` (required and optional properties alike). */
export function everyStringAs(schema: JsonSchema, document: OpenApiDocument, text: string, depth = 0): unknown {
  const resolved = resolve(schema, document);
  if (depth > 6) return null;
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum && resolved.enum.length > 0) return typeof resolved.enum[0] === 'string' ? text : resolved.enum[0];
  const variants = resolved.anyOf ?? resolved.oneOf ?? resolved.allOf;
  if (variants && variants.length > 0) return everyStringAs(variants[0] as JsonSchema, document, text, depth + 1);
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
  switch (type) {
    case 'string':
      return text;
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return resolved.items ? [everyStringAs(resolved.items, document, text, depth + 1)] : [text];
    case 'null':
      return null;
    default: {
      if (!resolved.properties) return { [text.slice(0, 50) || 'key']: text };
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(resolved.properties)) {
        value[name] = everyStringAs(property, document, text, depth + 1);
      }
      return value;
    }
  }
}
