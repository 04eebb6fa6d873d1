// How Web Chat and the Adaptive Cards in it look on this page, in the light and the dark theme:
// Web Chat's style options and our own Adaptive Cards host config. Every colour pair here reads at
// 4.5:1 or better on the bubble it sits on (figures beside each). Card buttons are styled in
// styles.css, because Web Chat draws them white whatever the theme.

const palettes = {
  // On the bubble #eef1f5.
  light: {
    text: '#1b1f24', subtle: '#505a66' /* 6.2:1 */, background: '#ffffff', bubble: '#eef1f5', border: '#d5dbe3',
    accent: '#0b5cad' /* 5.9:1 */, good: '#1b6b2b' /* 5.8:1 */, warning: '#8a4600' /* 6.3:1 */, attention: '#b3261e' /* 5.8:1 */,
    user: '#0b5cad', onUser: '#ffffff', emphasis: '#e2e7ee',
  },
  // On the bubble #2a2f36.
  dark: {
    text: '#e8eaed', subtle: '#aab2bd' /* 6.3:1 */, background: '#1c1f24', bubble: '#2a2f36', border: '#3a414a',
    accent: '#8cc4ff' /* 7.4:1 */, good: '#8fdc9a' /* 8.3:1 */, warning: '#ffc36b' /* 8.5:1 */, attention: '#ffb4ab' /* 7.9:1 */,
    user: '#1f3b5c', onUser: '#ffffff', emphasis: '#323842',
  },
};

const font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Foreground colours of a card container: each named colour, with a subtle variant that still reads. */
function foregroundColors(p) {
  const pair = (colour) => ({ default: colour, subtle: colour });
  return {
    default: { default: p.text, subtle: p.subtle },
    accent: pair(p.accent), good: pair(p.good), warning: pair(p.warning), attention: pair(p.attention),
    dark: { default: p.text, subtle: p.subtle }, light: { default: p.text, subtle: p.subtle },
  };
}

/** The Adaptive Cards host config for a theme. */
export function hostConfig(isDark) {
  const p = isDark ? palettes.dark : palettes.light;
  const colors = foregroundColors(p);
  return {
    supportsInteractivity: true,
    fontFamily: font,
    spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
    separator: { lineThickness: 1, lineColor: p.border },
    fontSizes: { small: 13, default: 15, medium: 17, large: 20, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 650 },
    containerStyles: {
      default: { backgroundColor: 'transparent', foregroundColors: colors },
      emphasis: { backgroundColor: p.emphasis, foregroundColors: colors },
      accent: { backgroundColor: p.emphasis, foregroundColors: colors },
      good: { backgroundColor: p.emphasis, foregroundColors: colors },
      warning: { backgroundColor: p.emphasis, foregroundColors: colors },
      attention: { backgroundColor: p.emphasis, foregroundColors: colors },
    },
    actions: {
      maxActions: 20, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'vertical', actionAlignment: 'stretch',
      showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    },
    adaptiveCard: { allowCustomStyle: true },
    // A heading TextBlock is read as a heading of this level (without it, role=heading has no level).
    textBlock: { headingLevel: 2 },
    imageSizes: { small: 40, medium: 80, large: 160 },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 8,
    },
    inputs: {
      label: {
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { color: 'attention', weight: 'bolder' },
    },
  };
}

/** Web Chat's style options for a theme, matching the page. */
export function styleOptions(isDark) {
  const p = isDark ? palettes.dark : palettes.light;
  return {
    primaryFont: font,
    rootHeight: '100%', rootWidth: '100%', hideUploadButton: true, accent: p.accent, subtle: p.subtle, backgroundColor: p.background,
    bubbleBackground: p.bubble, bubbleTextColor: p.text, bubbleBorderColor: p.border, bubbleBorderRadius: 8,
    bubbleFromUserBackground: p.user, bubbleFromUserTextColor: p.onUser, bubbleFromUserBorderColor: p.user,
    bubbleFromUserBorderRadius: 8, cardEmphasisBackgroundColor: p.emphasis,
    cardPushButtonBackgroundColor: p.accent, cardPushButtonTextColor: p.background,
    sendBoxBackground: p.background, sendBoxTextColor: p.text, sendBoxPlaceholderColor: p.subtle, sendBoxButtonColor: p.subtle,
    sendBoxBorderTop: `solid 1px ${p.border}`, suggestedActionBackgroundColor: p.background, suggestedActionTextColor: p.accent,
    suggestedActionBorderColor: p.accent, suggestedActionBorderRadius: 6,
  };
}

/** Everything renderWebChat needs besides the connection and the user: the look, for the current theme. */
export function chatLook(isDark) {
  return { styleOptions: styleOptions(isDark), adaptiveCardsHostConfig: hostConfig(isDark) };
}
