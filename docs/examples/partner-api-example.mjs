#!/usr/bin/env node
// A partner's whole round trip with Hjulet's partner API, on Node 20+ with no dependencies:
// get an access token with the client-credentials grant, then run a registered operation by its id.
//
//   HJULET_URL=https://hjulet.example.se CLIENT_ID=… CLIENT_SECRET=… node docs/examples/partner-api-example.mjs
//
// It prints the partnerSelf answer: which client the token belongs to, its scopes and its areas.

const url = process.env.HJULET_URL;
const clientId = process.env.CLIENT_ID;
const clientSecret = process.env.CLIENT_SECRET;
if (!url || !clientId || !clientSecret) {
  console.error('Set HJULET_URL, CLIENT_ID and CLIENT_SECRET');
  process.exit(2);
}

// The registered operations this client uses, by id (graphql/partner-operations.json).
const PARTNER_SELF = 'sha256:9b02c7cde0c28574561cc6fc201b8e4f999b5e1e2799a8404580512d89466666';

// 1. Token: HTTP Basic with the form-urlencoded id and secret (RFC 6749 §2.3.1), grant_type in a form body.
const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
const tokenResponse = await fetch(`${url}/oauth/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials' }),
});
const token = await tokenResponse.json();
if (!tokenResponse.ok) {
  console.error(`token refused: ${tokenResponse.status} ${token.error}: ${token.error_description}`);
  process.exit(1);
}

// 2. A registered operation, named by its documentId. Tokens live expires_in seconds: ask again when one expires.
async function run(documentId, variables = {}) {
  for (;;) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ documentId, variables }),
    });
    if (response.status === 429) {
      // Rate limited: wait as long as the server says, then try again.
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const body = await response.json();
    if (body.errors) throw new Error(`${response.status} ${body.errors[0].extensions.code}: ${body.errors[0].message}`);
    return body.data;
  }
}

console.log(JSON.stringify(await run(PARTNER_SELF), null, 2));
