/**
 * A copy of a string read from a file's text. The parsers' strings, and a regular expression's
 * matches, are slices of the text, and a slice keeps the whole text alive: anything kept for the
 * whole run would keep every file it was read from. (Concatenating makes a new string; slicing
 * that leaves the file's text behind.)
 */
export function detached(text: string): string {
  return (" " + text).slice(1);
}
