// Runs a check in slices of bounded work, giving the event loop back between slices, so that
// reading a large document never holds up other requests (a hover on another file). Slices are
// cut by work done (characters read, problems verified), never by a clock, and the result is the
// synchronous one: the same steps run to the same end. A newer version cancels an older check.
import { SLICE_WORK } from '../document/readPieces.ts';

export class CheckCancelled extends Error {
  constructor() {
    super('check superseded by a newer version');
  }
}

/**
 * Drives `steps` to its end. The first slice runs at once (a small document is done in it, with
 * no turn of the event loop); each later slice starts from setImmediate, after pending I/O.
 * Rejects with CheckCancelled once `cancelled()` turns true between slices.
 */
export function runInSlices<T>(steps: Generator<number, T>, cancelled: () => boolean, sliceWork = SLICE_WORK): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const slice = () => {
      try {
        if (cancelled()) {
          steps.return(undefined as never);
          reject(new CheckCancelled());
          return;
        }
        let work = 0;
        for (;;) {
          const next = steps.next();
          if (next.done) {
            resolve(next.value);
            return;
          }
          work += next.value;
          if (work >= sliceWork) break;
        }
        setImmediate(slice);
      } catch (error) {
        reject(error);
      }
    };
    slice();
  });
}
