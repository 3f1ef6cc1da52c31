import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every member WeChat declares on `wx` (`interface Wx` in miniprogram-api-typings, merged over its files):
 * the harness's `wx` holds exactly these names.
 */
export function wechatApiNames(): string[] {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('miniprogram-api-typings/package.json')), 'types', 'wx');
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.d.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(path.join(dir, file), 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node) => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
        for (const member of node.members) {
          if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
            names.add(member.name.text);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...names].sort();
}
