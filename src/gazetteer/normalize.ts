// Key normalisation shared by the index builder and lookups. Both sides must agree exactly, so this is the
// only place that decides what counts as "the same name".

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Apostrophe look-alikes and transliteration marks for ayn/hamza: "Ma'arrat", "Maʿarrat", "Ma’arrat" and
// "Maarrat" should all meet.
const APOSTROPHES = /['’‘ʼʻʿʾ`´]/g;
const DASHES = /[-‐‑‒–—_/]/g;
const DROPPED = /[.,()"“”]/g;
const SPACES = /\s+/g;

// Letters that NFD does not decompose into base + mark.
const FOLD: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
};
const FOLDABLE = /[ßæœøđðþłıħ]/g;

export function normalizeKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(FOLDABLE, (c) => FOLD[c] ?? c)
    .replace(APOSTROPHES, "")
    .replace(DASHES, " ")
    .replace(DROPPED, "")
    .replace(SPACES, " ")
    .trim();
}

// Latin letters plus script-neutral characters (digits, punctuation, combining marks).
const LATIN_ONLY = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** Latin script (with accents) only: names in other scripts are dropped to save space. */
export function isLatinName(name: string): boolean {
  return LATIN_ONLY.test(name);
}

export function wordCount(key: string): number {
  if (key === "") return 0;
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}
