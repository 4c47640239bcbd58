/**
 * The transport's icons as inline SVG: font glyphs such as ⏮ ⏭ draw as empty boxes with the
 * fonts the app ships (Noto Sans CJK has none of them). currentColor, so they follow the button.
 */
import type { ReactElement } from 'react';

type Name = 'stepBack' | 'stepForward' | 'play' | 'pause';

const PATHS: Record<Name, ReactElement> = {
  stepBack: <path d="M5 4h2v12H5zM16 4v12L8 10z" />,
  stepForward: <path d="M13 4h2v12h-2zM4 4v12l8-6z" />,
  play: <path d="M6 4v12l10-6z" />,
  pause: <path d="M5 4h4v12H5zM11 4h4v12h-4z" />,
};

export function ReplayIcon({ name }: { name: Name }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="14" height="14" fill="currentColor" aria-hidden="true">
      {PATHS[name]}
    </svg>
  );
}
