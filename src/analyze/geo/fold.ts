/**
 * The key a name is looked up by: accents off (NFD, combining marks dropped), lower case, the
 * typographic apostrophe as ASCII, hyphens and runs of white space as one space. "Táchira",
 * "TACHIRA" and "tachira" are one key; so are "Wilkes-Barre" and "Wilkes Barre".
 */
export function foldName(text: string): string {
  // A fast path for plain ASCII words, which most look-ups are.
  if (/^[a-z]+$/.test(text)) return text;
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[-\s`]+/g, ' ').trim();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[-‐‑–\s]+/g, ' ')
    .trim();
}
