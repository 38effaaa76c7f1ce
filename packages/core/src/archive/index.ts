export { computeExtraValues } from "./extra-values";
export {
  type ArchiveIndex,
  type FileIndex,
  type IndexArchiveOptions,
  indexArchive,
} from "./index-archive";
export { artifactExtensions, validateArtifactFile } from "./validate-artifact-file";
