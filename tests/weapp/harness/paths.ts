/** setData's data paths ("root.cn.[0].v", "list[2].name", "a.b") applied to a plain object, as WeChat does. */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|[^.[\]]+/g)) {
    parts.push(match[1] !== undefined ? Number(match[1]) : match[0]);
  }
  return parts;
}

export function applySetData(target: Record<string, unknown>, data: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(data)) {
    const parts = parsePath(path);
    let node = target as Record<string | number, unknown>;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i] as string | number;
      const next = parts[i + 1];
      if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof next === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
    const last = parts[parts.length - 1];
    if (last !== undefined) node[last] = value;
  }
}
