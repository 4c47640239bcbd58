/** Reads scenario files from a folder. The I/O half of core/scenario.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScenario, type Scenario, type ScenarioResult } from '../core/scenario.js';

export interface SceneLibrary {
  /** Valid scenarios by id, in file-name order. */
  scenarios: Map<string, Scenario>;
  /** One readable line per problem: `file: path: what was expected`. */
  errors: string[];
}

export function loadScenarioFile(file: string, shownAs = file): ScenarioResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, errors: [`${shownAs}: cannot read the file (${code})`] };
  }
  return parseScenario(text, shownAs);
}

export function loadScenes(dir: string): SceneLibrary {
  const scenarios = new Map<string, Scenario>();
  const errors: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return { scenarios, errors: [`${dir}: cannot read the scenes folder`] };
  }
  for (const f of files) {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    const r = loadScenarioFile(path, shown);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    if (scenarios.has(r.scenario.id)) {
      errors.push(`${shown}: id: scenario id "${r.scenario.id}" is already used by another file`);
      continue;
    }
    scenarios.set(r.scenario.id, r.scenario);
  }
  return { scenarios, errors };
}
