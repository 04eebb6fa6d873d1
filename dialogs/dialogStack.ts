// The dialog stack as botbuilder keeps it in conversation state, read without running a dialog:
// a component dialog holds its own stack under "dialogs".

/** The part of the dialog state a waiting dialog is found in. */
export interface StackState {
  readonly dialogStack?: readonly ActiveDialog[];
}

export interface ActiveDialog {
  readonly id?: string;
  readonly state?: Record<string, unknown>;
}

/** The active dialog, along the chain from the root into components, whose id `matches`; undefined when none does. */
export function activeDialog(dialogState: StackState | undefined, matches: (id: string | undefined) => boolean): ActiveDialog | undefined {
  return activeChain(dialogState).find((active) => matches(active.id));
}

/** The active dialogs from the root into components, outermost first. */
export function activeChain(dialogState: StackState | undefined): ActiveDialog[] {
  const chain: ActiveDialog[] = [];
  for (let stack = dialogState, depth = 0; stack && depth < 16; depth += 1) {
    const active = stack.dialogStack?.at(-1);
    if (!active) break;
    chain.push(active);
    stack = active.state?.dialogs as StackState | undefined;
  }
  return chain;
}

/** Every dialog on the stack, from the root into the active components, those under the active one included; outermost first. */
export function stackedDialogs(dialogState: StackState | undefined): ActiveDialog[] {
  const all: ActiveDialog[] = [];
  for (let stack = dialogState, depth = 0; stack && depth < 16; depth += 1) {
    all.push(...(stack.dialogStack ?? []));
    stack = stack.dialogStack?.at(-1)?.state?.dialogs as StackState | undefined;
  }
  return all;
}
