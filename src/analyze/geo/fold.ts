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

const LATIN = /^[\p{Script=Latin}\p{N}\s'’.,()-]+$/u;

/**
 * The alternate names worth matching in Spanish and English text: Latin script, no codes
 * ("CCS", "VE-A"), no numbers or links, no repeats of the name or of each other once folded.
 */
export function usefulAlternates(name: string, alternates: readonly string[]): string[] {
  const seen = new Set([foldName(name)]);
  const kept: string[] = [];
  for (const alternate of alternates) {
    const trimmed = alternate.trim();
    if (trimmed.length < 3 || !LATIN.test(trimmed)) continue;
    if (/^[A-Z0-9]{2,5}$/.test(trimmed)) continue; // IATA/ICAO and other codes
    if (/\d/.test(trimmed) || /^https?:/.test(trimmed)) continue;
    const key = foldName(trimmed);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  return kept;
}
