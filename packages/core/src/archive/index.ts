export { computeExtraValues } from "./extra-values";
export {
  type ArchiveIndex,
  type FileIndex,
  type IndexArchiveOptions,
  indexArchive,
} from "./index-archive";
export {
  ARTIFACT_EXTENSIONS,
  ARTIFACT_FILE_NAME_PATTERN,
  MAX_ARTIFACT_SIZE,
  validateArtifactFile,
} from "./validate-artifact-file";
