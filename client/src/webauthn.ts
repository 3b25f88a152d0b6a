// WebAuthn in the browser for passkeys (issue 11): the server's options are JSON with base64url byte strings (the
// Fido2 package's form, which is the WebAuthn level 3 JSON form); the browser's credential goes back the same way.

type Json = Record<string, unknown>;

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes.buffer;
}

export function toBase64Url(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] {
  return (Array.isArray(list) ? (list as Json[]) : []).map((d) => ({
    type: 'public-key',
    id: fromBase64Url(String(d['id'])),
    ...(Array.isArray(d['transports']) ? { transports: d['transports'] as AuthenticatorTransport[] } : {}),
  }));
}

export function creationOptions(json: Json): PublicKeyCredentialCreationOptions {
  const user = json['user'] as Json;
  return {
    ...(json as unknown as PublicKeyCredentialCreationOptions),
    challenge: fromBase64Url(String(json['challenge'])),
    user: { id: fromBase64Url(String(user['id'])), name: String(user['name']), displayName: String(user['displayName']) },
    excludeCredentials: descriptors(json['excludeCredentials']),
  };
}

export function requestOptions(json: Json): PublicKeyCredentialRequestOptions {
  return {
    ...(json as unknown as PublicKeyCredentialRequestOptions),
    challenge: fromBase64Url(String(json['challenge'])),
    allowCredentials: descriptors(json['allowCredentials']),
  };
}

/** The new credential as the server's registration endpoint reads it. */
export function attestationJson(credential: PublicKeyCredential): Json {
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      attestationObject: toBase64Url(response.attestationObject),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

/** An assertion as the server's login and step-up endpoints read it. */
export function assertionJson(credential: PublicKeyCredential): Json {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: toBase64Url(response.authenticatorData),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      signature: toBase64Url(response.signature),
      ...(response.userHandle ? { userHandle: toBase64Url(response.userHandle) } : {}),
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

/** Asks the browser for an assertion with the server's options; the JSON to send back. */
export async function getAssertion(options: Json): Promise<Json> {
  const credential = (await navigator.credentials.get({ publicKey: requestOptions(options) })) as PublicKeyCredential | null;
  if (credential === null) {
    throw new Error('no passkey was used');
  }
  return assertionJson(credential);
}

/** Asks the browser to create a passkey with the server's options; the JSON to send back. */
export async function createCredential(options: Json): Promise<Json> {
  const credential = (await navigator.credentials.create({ publicKey: creationOptions(options) })) as PublicKeyCredential | null;
  if (credential === null) {
    throw new Error('no passkey was created');
  }
  return attestationJson(credential);
}

export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}
