// Pure helpers of the admin pages: label and list text, form dates (host filtering is the server's: GET /api/hosts?q=).

/** `env=prod, team=db` → `{env: 'prod', team: 'db'}`; null when a part has no `=` or an empty key. */
export function parseLabels(text: string): Record<string, string> | null {
  const labels: Record<string, string> = {};
  for (const part of text.split(/[,\n]/)) {
    const trimmed = part.trim();
    if (trimmed === '') {
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    labels[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return labels;
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** `a, b,,c` → `['a', 'b', 'c']`. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A `datetime-local` input value as an ISO instant, or null when empty. */
export function localToIso(value: string): string | null {
  if (value.trim() === '') {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A new grant's transfer flag as the form sends it: null (follow the server's `Transfer:DefaultAllow`) while the box
 * shows that default, the box's value when the admin changed it, and the box's value when the default is unknown. */
export function grantFlag(checked: boolean, serverDefault: boolean | null): boolean | null {
  return serverDefault !== null && checked === serverDefault ? null : checked;
}
