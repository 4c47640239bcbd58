/** Temporary: the LED wall and trade board read these until the scene moves them to stage.json. */
import type { Lang } from '../../stores/ui-store.js';
import { en } from './en.js';
import { zh, type Messages } from './zh.js';

export const MESSAGES: Record<Lang, Messages> = { zh, en };
