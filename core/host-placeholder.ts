/**
 * `{host}` in a scenario's lines and LED slides (issue 17 pt 9): the script names whoever hosts.
 * When the trainee joins, the reducer fills the placeholder with their display name, so the
 * teleprompter, the LED wall, the spoken (and scored) line, the headset's panels and the replay
 * all read the same text. Pure.
 */
import type { Scenario } from './scenario.js';

export const HOST_PLACEHOLDER = '{host}';

/** The text with every `{host}` replaced by `name` (nothing else is a placeholder). */
export const fillHost = (text: string, name: string): string =>
  text.includes(HOST_PLACEHOLDER) ? text.split(HOST_PLACEHOLDER).join(name) : text;

const uses = (s: string | undefined) => s !== undefined && s.includes(HOST_PLACEHOLDER);

/** Whether any line or slide of the scenario names the host by placeholder. */
export function namesHost(scenario: Scenario): boolean {
  return scenario.segments.some(
    (seg) =>
      seg.lines.some((l) => uses(l.zh) || uses(l.en)) || (seg.slides ?? []).some((x) => uses(x.zh) || uses(x.en)),
  );
}

/** The scenario with `{host}` filled in its lines and slides; the same object when it has none. */
export function withHost(scenario: Scenario, name: string): Scenario {
  if (!namesHost(scenario)) return scenario;
  return {
    ...scenario,
    segments: scenario.segments.map((seg) => ({
      ...seg,
      lines: seg.lines.map((l) => ({ ...l, zh: fillHost(l.zh, name), ...(l.en ? { en: fillHost(l.en, name) } : {}) })),
      ...(seg.slides
        ? { slides: seg.slides.map((x) => ({ zh: fillHost(x.zh, name), en: fillHost(x.en, name) })) }
        : {}),
    })),
  };
}
