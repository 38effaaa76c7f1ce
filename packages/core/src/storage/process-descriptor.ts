/**
 * `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/<pid>/fd/N`: a path naming an
 * open descriptor of a process. Saving a download there by renaming a finished
 * file onto it would replace whatever the descriptor leads to (with the output
 * redirected, a build log), so the runtimes' file sinks refuse it.
 */
export function isProcessDescriptorPath(path: string): boolean {
  return /^\/(?:dev\/(?:stdin|stdout|stderr|fd\/\d+)|proc\/[^/]+\/fd\/\d+)$/.test(path);
}

/** Why a file sink refuses a descriptor path (the reason in its `not_a_file` error). */
export const processDescriptorReason =
  "it is a descriptor of this process, whose file a download would replace: pass a WritableStream as `to` to write through it";
