// The house rule "no function over 150 lines in client/src", checked on the syntax tree: every
// function, method, arrow function and accessor, its nested functions included.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLIENT = join(ROOT, 'client', 'src');
export const MAX_FUNCTION_LINES = 150;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every function-like node with a body: where it starts, how many lines it spans, its name if any. */
export function functionLengths(path: string, text = readFileSync(path, 'utf8')): { line: number; lines: number; name: string }[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; lines: number; name: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named = node as ts.Node & { name?: ts.Node };
      const parent = node.parent as ts.Node & { name?: ts.Node };
      const name = named.name?.getText(source) ?? (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) ? parent.name?.getText(source) : undefined) ?? '(anonyme)';
      found.push({ line: start + 1, lines: end - start + 1, name });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe(`client/src: no function over ${MAX_FUNCTION_LINES} lines`, () => {
  it('measures what it should: a long function is caught, a short one is not', () => {
    const long = `export function f() {\n${'  call();\n'.repeat(MAX_FUNCTION_LINES)}}\nconst g = () => 1;\n`;
    const lengths = functionLengths('exemple.ts', long);
    expect(lengths.find((f) => f.name === 'f')?.lines).toBe(MAX_FUNCTION_LINES + 2);
    expect(lengths.find((f) => f.name === 'g')?.lines).toBe(1);
  });

  it('holds for every file', () => {
    const files = sourceFiles(CLIENT);
    expect(files.length).toBeGreaterThan(20);
    const tooLong = files.flatMap((path) => functionLengths(path).filter((f) => f.lines > MAX_FUNCTION_LINES).map((f) => `${relative(ROOT, path)}:${f.line} ${f.name} (${f.lines} lignes)`));
    expect(tooLong).toEqual([]);
  });
});
