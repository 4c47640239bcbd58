#!/usr/bin/env node
/**
 * Import circles among the repository's own modules (core/, server/, client/src/), type-only
 * imports included: a circle "by types" still ties two files together. Prints each circle and exits
 * 1 when there is one. test/unit/import-cycles.test.ts runs `findCycles` so `npm test` fails on a
 * circle; this script is for reading them (`node scripts/import-cycles.mjs`).
 *
 * A regex over import/export-from lines is enough here: every relative import in the tree is a
 * static specifier ending in .js (verbatimModuleSyntax + ESM), and dynamic `import()` of lazy pages
 * counts too (it is still a dependency a reader follows).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOTS = ['core', 'server', 'client/src'];
const SPECIFIER = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolveSpecifier(from, spec) {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  for (const c of [stem + '.ts', stem + '.tsx', base, join(base, 'index.ts')]) if (existsSync(c)) return c;
  return null;
}

/** The dependency graph of the repository's modules, as paths relative to `root`. */
export function importGraph(root) {
  const files = ROOTS.flatMap((r) => sourceFiles(join(root, r)));
  const graph = new Map();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps = new Set();
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolveSpecifier(f, m[1] ?? m[2]);
      if (target && /\.tsx?$/.test(target)) deps.add(relative(root, target));
    }
    graph.set(relative(root, f), [...deps]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan. */
export function findCycles(root) {
  const graph = importGraph(root);
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const cycles = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const cycles = findCycles(root);
  for (const c of cycles) console.log(`circle: ${c.join(' ↔ ')}`);
  console.log(`${cycles.length} import circle(s)`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
