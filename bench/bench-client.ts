/**
 * What both servers are set up with and the load client signs in as: one confidential first-party
 * app, many accounts with one password (one argon2id hash shared by all accounts and both servers).
 */

/** The relying party the load client plays (a confidential, first-party app; no consent screen). */
export const BENCH_CLIENT = {
  client_id: 'bench-rp',
  client_secret: 'bench-rp-secret-that-is-long-enough-0123456789',
  client_name: 'Bench App',
  // Nothing listens there: the load client reads the code from the redirect and never follows it.
  redirect_uris: ['http://127.0.0.1:9/cb'],
  grant_types: ['authorization_code', 'refresh_token'],
  first_party: true,
};

/** The password of every bench account. */
export const BENCH_PASSWORD = 'correct horse battery staple 42';

/** The email of the i-th bench account (sign-ins take them round-robin). */
export const benchEmail = (i: number) => `bench-${i}@example.com`;

/** The emails of the first `count` bench accounts. */
export const benchEmails = (count: number) => Array.from({ length: count }, (_, i) => benchEmail(i));
