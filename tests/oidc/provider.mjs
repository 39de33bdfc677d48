// A local OpenID Connect provider for the sign-in tests (tests/servers.py starts it).
//
//   node tests/oidc/provider.mjs PORT CLIENT_ID CLIENT_SECRET [REDIRECT_URI...]
//
// Listens on http://127.0.0.1:PORT, which is also its issuer, with one client registered.
// Its redirect URIs (also its post-logout redirect URIs, for st.logout) default to
// http://127.0.0.1/oauth2callback and http://localhost/oauth2callback, and the client is a
// "native" one: for those the provider takes a loopback redirect URI on any port (RFC 8252),
// so one provider serves apps on any port. Sign-in uses the provider's development pages:
// any login name and any password are accepted, the login name becomes the account id
// (`sub`), and the account's email is the login name if it contains "@", else
// LOGIN@example.org, always verified. The ID token carries the email and name too
// (conformIdTokenClaims: false), as st.user is read from it. Scopes: openid email profile.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, ...given] = process.argv.slice(2);
if (!port || !clientId || !clientSecret) {
  console.error('usage: node provider.mjs PORT CLIENT_ID CLIENT_SECRET [REDIRECT_URI...]');
  process.exit(2);
}
const redirectUris = given.length
  ? given
  : ['http://127.0.0.1/oauth2callback', 'http://localhost/oauth2callback'];

function account(id) {
  const email = id.includes('@') ? id : `${id}@example.org`;
  return {
    accountId: id,
    async claims() {
      return { sub: id, email, email_verified: true, name: id };
    },
  };
}

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      application_type: 'native',
      redirect_uris: redirectUris,
      post_logout_redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  scopes: ['openid', 'email', 'profile'],
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [clientSecret] },
  findAccount: async (ctx, id) => account(id),
});

// The development pages @import a web font from the internet: drop it, so that a test's
// browser asks nothing of any host but this one.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.type.startsWith('text/html')) {
    ctx.body = ctx.body.replace(/@import url\(https?:[^)]*\);?/g, '');
  }
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
