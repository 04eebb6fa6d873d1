// Tokens for Microsoft Graph: the signed-in user's own (obtained on their behalf from the channel's
// single sign-on), and the assistant's own (its application identity). Tokens are used for one
// call and never stored in state, logs, transcripts or tickets.

/** The user's delegated Graph token, when the channel signed them in; undefined otherwise. */
export interface UserTokenProvider {
  tokenFor(userId: string): Promise<string | undefined>;
}

/** The assistant's application token, when an admin gave it credentials; undefined otherwise. */
export interface AppTokenProvider {
  token(): Promise<string | undefined>;
}
