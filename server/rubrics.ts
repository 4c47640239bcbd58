/** Reads rubric files (scenes/rubrics/*.yaml). The I/O half of core/rubric/rubric-schema.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseRubric, type Rubric, type RubricResult } from '../core/rubric/rubric-schema.js';

export interface RubricLibrary {
  /** Valid rubrics by id, in file-name order. */
  rubrics: Map<string, Rubric>;
  /** One readable line per problem: `file: path: what was expected`. */
  errors: string[];
}

export function loadRubricFile(file: string, shownAs = file): RubricResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, errors: [`${shownAs}: cannot read the file (${code})`] };
  }
  return parseRubric(text, shownAs);
}

export function loadRubrics(dir: string): RubricLibrary {
  const rubrics = new Map<string, Rubric>();
  const errors: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return { rubrics, errors: [`${dir}: cannot read the rubrics folder`] };
  }
  for (const f of files) {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    const r = loadRubricFile(path, shown);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    if (rubrics.has(r.rubric.id)) {
      errors.push(`${shown}: id: rubric id "${r.rubric.id}" is already used by another file`);
      continue;
    }
    rubrics.set(r.rubric.id, r.rubric);
  }
  return { rubrics, errors };
}
