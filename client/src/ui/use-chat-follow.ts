/**
 * The chat follows the newest line unless the reader scrolled up; then it stays where they are
 * reading and counts what arrived below ("新消息 N 条"), until they scroll back down or press the
 * marker. Why not just "at the bottom?" on every scroll event: once the chat holds its maximum of
 * lines, each new one drops the oldest, and the browser's scroll anchoring and late reflows
 * (a question turning "answered", wrapped text) fire scroll events away from the bottom that no
 * reader made, which made the list drift off the newest messages. Here only a move *up* from where
 * the hook last put the list lets go of the bottom, and the list is kept pinned after each change
 * and once more on the next frame (layout that settles late).
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

/** Within this many px of the end counts as at the end. */
const AT_END_PX = 48;

export interface ChatFollow {
  /** Lines below the reader's position that arrived since they scrolled up. */
  unseen: number;
  onScroll: (ev: UIEvent<HTMLElement>) => void;
  /** Back to the newest line, following again. */
  jumpToNewest: () => void;
}

/**
 * `seqs`: the shown lines' seqs, oldest first. `resetKey`: a change (the filter) goes back to
 * following the newest line.
 */
export function useChatFollow(
  list: RefObject<HTMLElement | null>,
  seqs: readonly number[],
  resetKey: unknown,
): ChatFollow {
  const follow = useRef(true);
  /** scrollTop the hook last set (or the reader last left it at while following). */
  const pinnedTop = useRef(0);
  /** Newest seq the reader has seen at the end. */
  const seen = useRef(-Infinity);
  const [unseen, setUnseen] = useState(0);
  const newest = seqs.length > 0 ? seqs[seqs.length - 1]! : -Infinity;
  // Mirrored on the list as data-following (1/0): what tests wait on, and handy in devtools.
  const setFollow = useCallback(
    (on: boolean) => {
      follow.current = on;
      if (list.current) list.current.dataset.following = on ? '1' : '0';
    },
    [list],
  );

  const pin = useCallback(() => {
    const el = list.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    pinnedTop.current = el.scrollTop;
  }, [list]);

  useLayoutEffect(() => {
    setFollow(true);
    setUnseen(0);
  }, [resetKey, setFollow]);

  useLayoutEffect(() => {
    if (follow.current) {
      pin();
      seen.current = newest;
      setUnseen(0);
      const frame = requestAnimationFrame(() => {
        if (follow.current) pin();
      });
      return () => cancelAnimationFrame(frame);
    }
    let n = 0;
    for (let i = seqs.length - 1; i >= 0 && seqs[i]! > seen.current; i--) n++;
    setUnseen(n);
    return undefined;
  }, [seqs, newest, pin, resetKey]);

  const onScroll = useCallback(
    (ev: UIEvent<HTMLElement>) => {
      const el = ev.currentTarget;
      const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < AT_END_PX;
      if (atEnd) {
        setFollow(true);
        pinnedTop.current = el.scrollTop;
        seen.current = newest;
        setUnseen(0);
      } else if (follow.current && el.scrollTop < pinnedTop.current - 2) {
        setFollow(false); // the reader moved up
      }
    },
    [newest, setFollow],
  );

  const jumpToNewest = useCallback(() => {
    setFollow(true);
    pin();
    seen.current = newest;
    setUnseen(0);
  }, [pin, newest, setFollow]);

  return { unseen, onScroll, jumpToNewest };
}
