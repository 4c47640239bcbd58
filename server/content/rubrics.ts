/** Reads rubric files (scenes/rubrics/*.yaml). The I/O half of core/rubric/rubric-schema.ts. */
import { Rubric, type RubricResult } from '../../core/rubric/rubric-schema.js';
import { parseYamlWith } from '../../core/yaml-source.js';
import { loadYamlFile, loadYamlFolder } from './yaml-folder.js';

export interface RubricLibrary {
  /** Valid rubrics by id, in file-name order. */
  rubrics: Map<string, Rubric>;
  /** One readable line per problem: `file: path: what was expected`. */
  errors: string[];
}

const parse = (text: string, file: string) => parseYamlWith(Rubric, text, file);

export function loadRubricFile(file: string, shownAs = file): RubricResult {
  const r = loadYamlFile(file, shownAs, parse);
  return r.ok ? { ok: true, rubric: r.value } : r;
}

export function loadRubrics(dir: string): RubricLibrary {
  const { items, errors } = loadYamlFolder(dir, 'rubric', parse);
  return { rubrics: items, errors };
}
