/** A query string (`?a=1&b=x`) from the values that are not empty; '' when none is. */
export function queryString(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && String(value).trim() !== '') {
      params.set(key, String(value).trim());
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
