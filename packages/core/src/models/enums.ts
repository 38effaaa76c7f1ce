import * as v from "valibot";

/** Lifecycle states of an artifact record. */
export const ArtifactStatus = {
  PendingUpload: "pending_upload",
  Uploaded: "uploaded",
  UploadFailed: "upload_failed",
  PendingDeletion: "pending_deletion",
  DeletionFailed: "deletion_failed",
} as const;
/** A lifecycle state of an artifact record. */
export type ArtifactStatus = (typeof ArtifactStatus)[keyof typeof ArtifactStatus];

/** What an artifact holds. */
export const ArtifactType = {
  Model: "model",
  Dataset: "dataset",
  Experiment: "experiment",
} as const;
/** What an artifact holds. */
export type ArtifactType = (typeof ArtifactType)[keyof typeof ArtifactType];

/** Which artifact types a collection admits. */
export const CollectionType = {
  Model: "model",
  Dataset: "dataset",
  Experiment: "experiment",
  ModelDataset: "model_dataset",
  DatasetExperiment: "dataset_experiment",
  ModelExperiment: "model_experiment",
  Mixed: "mixed",
} as const;
/** Which artifact types a collection admits. */
export type CollectionType = (typeof CollectionType)[keyof typeof CollectionType];

/** Sort direction of a listing. */
export const SortOrder = { Asc: "asc", Desc: "desc" } as const;
/** Sort direction of a listing. */
export type SortOrder = (typeof SortOrder)[keyof typeof SortOrder];

/** Schema of `ArtifactStatus`. */
export const artifactStatusSchema = v.picklist(Object.values(ArtifactStatus));
/** Schema of `ArtifactType`. */
export const artifactTypeSchema = v.picklist(Object.values(ArtifactType));
/** Schema of `CollectionType`. */
export const collectionTypeSchema = v.picklist(Object.values(CollectionType));
