/**
 * The app's icons as inline SVG, shipped in the bundle. Not font glyphs: ⏮ ⏭ ⏸ and friends are
 * missing from the CJK fonts a training room's machines have and drew as empty boxes. Each icon
 * is a 16×16 path in currentColor, sized to the text around it (1em) and hidden from screen
 * readers: the button's own text or aria-label says what it does.
 */
import type { ReactElement } from 'react';
import './icons.css';

const PATHS = {
  play: <path d="M4 2.5v11l9-5.5z" />,
  pause: <path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" />,
  stop: <rect x="3" y="3" width="10" height="10" rx="1" />,
  first: <path d="M2.5 2.5h2v11h-2zM13.5 2.5v11L5 8z" />,
  last: <path d="M11.5 2.5h2v11h-2zM2.5 2.5v11L11 8z" />,
  prev: <path d="M11.5 2.5v11L3 8z" />,
  next: <path d="M4.5 2.5v11L13 8z" />,
  skip: <path d="M2.5 2.5v11L9 8zM8.5 2.5v11L15 8z" />,
  close: <path d="M3.4 2 8 6.6 12.6 2 14 3.4 9.4 8l4.6 4.6-1.4 1.4L8 9.4 3.4 14 2 12.6 6.6 8 2 3.4z" />,
  down: <path d="M7 2h2v8.2l3.3-3.3 1.4 1.4L8 14 2.3 8.3l1.4-1.4L7 10.2z" />,
  reply: <path d="M6 3 1.5 7.5 6 12V9c3.5 0 6 1 8 4-.6-4-3-7.3-8-8z" />,
  print: (
    <path d="M4 1.5h8v3.5H4zM2 6h12a1 1 0 0 1 1 1v5h-3v2.5H4V12H1V7a1 1 0 0 1 1-1zm3.5 4.5v2.5h5v-2.5zM12 7.5a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5z" />
  ),
  keyboard: (
    <path d="M1.5 4h13a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-13a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM3 6v1.5h1.5V6zm2.5 0v1.5H7V6zM8 6v1.5h1.5V6zm2.5 0v1.5H12V6zM3 8.5V10h1.5V8.5zm2.5 0V10h5V8.5zm6 0V10H13V8.5z" />
  ),
} satisfies Record<string, ReactElement>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      {PATHS[name]}
    </svg>
  );
}
