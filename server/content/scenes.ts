/** Reads scenario files from a folder. The I/O half of core/scenario.ts. */
import { parseYamlWith } from '../../core/yaml-source.js';
import { Scenario, type ScenarioResult } from '../../core/scenario.js';
import { loadYamlFile, loadYamlFolder } from './yaml-folder.js';

export interface SceneLibrary {
  /** Valid scenarios by id, in file-name order. */
  scenarios: Map<string, Scenario>;
  /** One readable line per problem: `file: path: what was expected`. */
  errors: string[];
}

const parse = (text: string, file: string) => parseYamlWith(Scenario, text, file);

export function loadScenarioFile(file: string, shownAs = file): ScenarioResult {
  const r = loadYamlFile(file, shownAs, parse);
  return r.ok ? { ok: true, scenario: r.value } : r;
}

export function loadScenes(dir: string): SceneLibrary {
  const { items, errors } = loadYamlFolder(dir, 'scenario', parse);
  return { scenarios: items, errors };
}
