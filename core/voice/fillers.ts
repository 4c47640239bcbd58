/**
 * Filler words in spoken (recognised or typed) host lines, for the delivery criterion.
 *
 * Several Mandarin fillers are also ordinary words: 那个 is "that", 就是 "exactly / is", 然后
 * "then", and English "like" is a verb. Counting every occurrence would punish plain sentences
 * ("那个产品风险较高"), so only the uses that work as hesitation are counted:
 * - 嗯 呃 额 and um/uh/erm/hmm: always (they have no other use in a host's line);
 * - 啊 only at the start of a clause (a sentence-final 啊 is a particle, "好啊");
 * - 那个 / 就是 / 然后: followed by a pause mark (，、… or a space in recognised text), repeated
 *   ("那个那个"), or in the fixed hesitant forms 就是说 / 然后呢 / 那个呢;
 * - English "like" / "you know" / "I mean" only when set off by commas (", like,").
 * Pure: no I/O.
 */

/** Clause boundary: start of text, or after sentence/clause punctuation or a space. */
const B = String.raw`(?<=^|[\s，。！？、；：,.!?;:…—])`;
/** A pause right after the word: punctuation, an ellipsis or a space (ASR text has no commas without a punctuation model). */
const P = String.raw`(?=[\s，、,…—]|$)`;

const ZH_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['嗯', /嗯+/gu],
  ['呃', /[呃额]+/gu],
  ['啊', new RegExp(`${B}啊+(?=[，,\\s…]|$)`, 'gu')],
  ['就是说', /就是说/gu],
  ['然后呢', /然后呢/gu],
  ['那个呢', /那个呢/gu],
  ['那个', new RegExp(`那个(?:那个)+|那个${P}`, 'gu')],
  ['就是', new RegExp(`就是(?:就是)+|${B}就是${P}`, 'gu')],
  ['然后', new RegExp(`然后(?:然后)+|${B}然后${P}`, 'gu')],
];

const EN_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['um', /\b(?:um+|umm+|uh+|erm+|er|hmm+|mm+)\b/giu],
  ['like', /,\s*like\s*,/giu],
  ['you know', /,\s*you know\s*(?:,|[.!?]|$)/giu],
  ['I mean', new RegExp(`${B}i mean\\s*,`, 'giu')],
];

export interface FillerCount {
  total: number;
  /** Count per filler (the keys above), only those found. */
  byWord: Record<string, number>;
}

/** Filler words in one line of spoken text. */
export function countFillers(text: string): FillerCount {
  const byWord: Record<string, number> = {};
  let total = 0;
  // Longer forms first, each match removed so 就是说 is not also counted as 就是.
  let rest = text;
  for (const [word, re] of [...ZH_PATTERNS, ...EN_PATTERNS]) {
    re.lastIndex = 0;
    let n = 0;
    rest = rest.replace(re, (m) => {
      n++;
      // Keep the boundary a following pattern may need (a comma or space stays a comma).
      return /[,，]\s*$/.test(m) ? '，' : ' ';
    });
    if (n > 0) {
      byWord[word] = n;
      total += n;
    }
  }
  return { total, byWord };
}
