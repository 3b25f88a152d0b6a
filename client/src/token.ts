// What the client reads from its own JWT: only the role claims, and only to decide which links to show. The token is
// not verified here; the server enforces every permission itself.

/** The `role` claims of a JWT (one string or an array); empty for anything that is not a readable token. */
export function rolesFromToken(token: string): string[] {
  const payload = token.split('.')[1];
  if (payload === undefined) {
    return [];
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const role = json['role'];
    if (typeof role === 'string') {
      return [role];
    }
    return Array.isArray(role) ? role.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
