// Expected outcomes are values the caller branches on, not exceptions. Every use case that can
// refuse answers with this one shape: `ok` and a `value`, or not `ok` and an `error` code (with the
// details that error needs, such as the policy rules that failed or until when a lock holds).
type Refusal<F> = F extends string ? { readonly error: F } : F;

export type Result<T, F extends string | { readonly error: string }> =
  | { readonly ok: true; readonly value: T }
  | ({ readonly ok: false } & Refusal<F>);

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export function fail<E extends string>(error: E): { readonly ok: false; readonly error: E };
export function fail<E extends string, D extends object>(error: E, details: D): { readonly ok: false; readonly error: E } & D;
export function fail(error: string, details: object = {}): { readonly ok: false; readonly error: string } {
  return { ...details, ok: false, error };
}
