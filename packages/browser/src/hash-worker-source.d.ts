/** The hashing worker, bundled into a self-contained script by the package build. */
declare module "virtual:luml-hash-worker" {
  /** The worker's JavaScript source. */
  export const hashWorkerSource: string;
}
