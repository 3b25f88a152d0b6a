// A real OpenID provider for Bastion's single sign-on tests, on loopback only:
//   node provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
// One confidential client (client_secret_post, authorisation code + PKCE), the users below with a groups claim, and
// oidc-provider's built-in login and consent pages (devInteractions: any password is accepted for a listed user).
// Prints "ready <issuer>" when it listens. Never use this configuration outside tests.
import Provider from 'oidc-provider';

const [port, redirectUri, clientId, clientSecret] = [Number(process.argv[2]), process.argv[3], process.argv[4], process.argv[5]];
if (!port || !redirectUri || !clientId || !clientSecret) {
  console.error('usage: node provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET');
  process.exit(2);
}

// The groups claim is what Bastion maps to roles; "outsider" is in no group Bastion maps.
const users = {
  alice: { name: 'Alice Admin', groups: ['bastion-admins'] },
  olga: { name: 'Olga Operator', groups: ['bastion-operators', 'db-team'] },
  outsider: { name: 'Out Sider', groups: ['marketing'] },
};

const issuer = `http://127.0.0.1:${port}`;
const oidc = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], groups: ['groups'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  findAccount: async (_ctx, id) => {
    const user = users[id];
    if (!user) {
      return undefined;
    }
    return { accountId: id, claims: async () => ({ sub: id, preferred_username: id, name: user.name, groups: user.groups }) };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['bastion-test-only-cookie-key'] },
});
oidc.proxy = false;

const server = oidc.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
