// Token hygiene for anything shown, logged or exported: every `token=` query value becomes `•••`.
const TOKEN_PARAM = /([?&]token=)[^&#\s"']*/gi;

/** Replaces the value of every `token=` query parameter in a string (a URL, a log line, an export). */
export function redactUrl(text: string): string {
  return text.replace(TOKEN_PARAM, '$1•••');
}
