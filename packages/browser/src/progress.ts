import type { ProgressCallback, ProgressEvent } from "@luml/core";
import { formatProgressText, progressFraction } from "@luml/core/internal";

/**
 * A progress report as one sentence for people: `Uploading: 42% (12.0 MiB of
 * 28.6 MiB)`, then `Uploading: done (28.6 MiB)` when the phase completes.
 *
 * @example
 * ```ts
 * import { progressText } from "@luml/browser";
 *
 * await luml.artifacts.upload(file, {
 *   onProgress: (event) => (status.textContent = progressText(event)),
 * });
 * ```
 */
export function progressText(event: ProgressEvent): string {
  return formatProgressText(event);
}

/** The elements {@link bindProgress} keeps up to date; either may be left out. */
export interface ProgressElements {
  /** A `<progress>` element: its value follows each phase from 0 to 1. */
  bar?: HTMLProgressElement | null;
  /**
   * Where the sentence of {@link progressText} goes, for people and screen
   * readers. Given no `role` or `aria-live`, it gets `role="status"` (a polite
   * live region).
   */
  status?: Element | null;
}

/** Options of {@link bindProgress}. */
export interface BindProgressOptions {
  /**
   * How far a phase moves, as a fraction, before the status text changes, so a
   * screen reader is not given every byte. Default 0.1 (every 10 %); the start
   * and the end of each phase are always shown.
   */
  step?: number;
}

/**
 * An `onProgress` callback that shows an upload or a download on the page: the
 * `<progress>` bar follows every report (and carries the sentence as its
 * `aria-valuetext`), the status element says what is under way in words, every
 * 10 % and at the end of each phase.
 *
 * @example
 * ```html
 * <progress id="bar" max="1" value="0"></progress>
 * <p id="status" role="status"></p>
 * ```
 *
 * ```ts
 * import { bindProgress } from "@luml/browser";
 *
 * const onProgress = bindProgress({
 *   bar: document.querySelector("progress"),
 *   status: document.querySelector("#status"),
 * });
 * const artifact = await luml.artifacts.upload(input.files[0], { onProgress });
 * // The same callback shows the download: `downloading` is a phase of its own.
 * await luml.artifacts.download(artifact.id, { onProgress });
 * ```
 */
export function bindProgress(
  elements: ProgressElements,
  options: BindProgressOptions = {},
): ProgressCallback {
  const { bar, status } = elements;
  const step = options.step !== undefined && options.step > 0 ? options.step : 0.1;
  if (status && !status.hasAttribute("role") && !status.hasAttribute("aria-live")) {
    status.setAttribute("role", "status");
  }
  let phase: ProgressEvent["phase"] | undefined;
  let shownStep = -1;
  return (event) => {
    const fraction = progressFraction(event);
    const text = formatProgressText(event);
    if (bar) {
      bar.max = 1;
      bar.value = fraction;
      bar.setAttribute("aria-valuetext", text);
    }
    if (!status) return;
    const reached = fraction >= 1 ? Number.POSITIVE_INFINITY : Math.floor(fraction / step + 1e-9);
    if (event.phase === phase && reached === shownStep) return;
    phase = event.phase;
    shownStep = reached;
    status.textContent = text;
  };
}
