// Microsoft's own pages where people look after their account themselves, for the steps the
// assistant hands to a portal. One place, so every dialog and card names the same page.
export const portalLinks = Object.freeze({
  /** Security info: sign-in methods, the default method, the Authenticator's set-up. */
  securityInfo: 'https://mysignins.microsoft.com/security-info',
  /**
   * Microsoft's short link to the same page, said to someone who cannot sign in (a failed reset),
   * who will likely type it on another device later.
   */
  securityInfoShort: 'https://aka.ms/mysecurityinfo',
});
