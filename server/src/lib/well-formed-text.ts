/**
 * Half a UTF-16 surrogate pair. JSON can spell one (`"\ud800"`), but no UTF-8 text can hold it: the JSON columns
 * refuse the statement (a 500), text columns silently store U+FFFD instead.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Where the first lone surrogate sits in a parsed JSON body: the dotted path of the string, or of the object whose
 * key holds one (`''` for the body itself); `undefined` when there is none. Walks with a list, not recursion: a
 * body may be nested thousands of levels deep. Only arrays and plain objects are entered (no Buffer or stream).
 */
export function findLoneSurrogate(body: unknown): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return path;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const entries = Array.isArray(value) ? value.entries() : isPlainObject(value) ? Object.entries(value) : [];
    for (const [key, item] of entries) {
      if (typeof key === 'string' && hasLoneSurrogate(key)) return path;
      pending.push({ value: item, path: path ? `${path}.${key}` : String(key) });
    }
  }
  return undefined;
}
