// What the client reads from its own JWT: only the role claims, and only to decide which links to show. The token is
// not verified here; the server enforces every permission itself.

/** The `role` claims of a JWT (one string or an array); empty for anything that is not a readable token. */
export function rolesFromToken(token: string): string[] {
  const role = claims(token)?.['role'];
  if (typeof role === 'string') {
    return [role];
  }
  return Array.isArray(role) ? role.filter((r): r is string => typeof r === 'string') : [];
}

/** The `name` claim (the user name), for a tab signed in by the refresh cookie; null if there is none. */
export function nameFromToken(token: string): string | null {
  const name = claims(token)?.['name'];
  return typeof name === 'string' && name !== '' ? name : null;
}

/** The `sid` claim: which of the user's logins this tab belongs to (the account page marks it). */
export function loginFromToken(token: string): string | null {
  const sid = claims(token)?.['sid'];
  return typeof sid === 'string' && sid !== '' ? sid : null;
}

function claims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (payload === undefined) {
    return null;
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return null;
  }
}
