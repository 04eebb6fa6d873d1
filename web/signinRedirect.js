// The sign-in popup's last stop: MSAL's redirect bridge passes the answer to the page that opened it.
window.msalRedirectBridge.broadcastResponseToMainFrame().catch(() => {
  document.body.textContent = 'The sign-in could not be completed. Close this window and try again.';
});
