// What comes after a change that has already been made (telling the user's other addresses,
// signing other sessions out): when the directory cannot answer then, the change still stands and
// must not be reported as "nothing was changed". These helpers turn that failure into a value.
import { DirectoryError } from '../ports/directory.js';

/** The value of the follow-up, or `fallback` when the directory could not answer. */
export async function unlessDirectoryFails<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DirectoryError) return fallback;
    throw error;
  }
}
