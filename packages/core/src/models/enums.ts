import * as v from "valibot";

/** Lifecycle states of an artifact record. */
export const ArtifactStatus = {
  /** The record exists; its file is not stored yet. */
  PendingUpload: "pending_upload",
  /** The file is stored and complete. */
  Uploaded: "uploaded",
  /** Storing the file failed. */
  UploadFailed: "upload_failed",
  /** A delete URL was issued; the record waits for the deletion to be confirmed. */
  PendingDeletion: "pending_deletion",
  /** Deleting the stored file failed. */
  DeletionFailed: "deletion_failed",
} as const;
/** A lifecycle state of an artifact record. */
export type ArtifactStatus = (typeof ArtifactStatus)[keyof typeof ArtifactStatus];

/** What an artifact holds. */
export const ArtifactType = {
  /** A model. */
  Model: "model",
  /** A dataset. */
  Dataset: "dataset",
  /** An experiment. */
  Experiment: "experiment",
} as const;
/** What an artifact holds. */
export type ArtifactType = (typeof ArtifactType)[keyof typeof ArtifactType];

/** Which artifact types a collection admits. */
export const CollectionType = {
  /** Models only. */
  Model: "model",
  /** Datasets only. */
  Dataset: "dataset",
  /** Experiments only. */
  Experiment: "experiment",
  /** Models and datasets. */
  ModelDataset: "model_dataset",
  /** Datasets and experiments. */
  DatasetExperiment: "dataset_experiment",
  /** Models and experiments. */
  ModelExperiment: "model_experiment",
  /** Every artifact type. */
  Mixed: "mixed",
} as const;
/** Which artifact types a collection admits. */
export type CollectionType = (typeof CollectionType)[keyof typeof CollectionType];

/** Sort direction of a listing. */
export const SortOrder = {
  /** Smallest (or oldest) first. */
  Asc: "asc",
  /** Largest (or newest) first. */
  Desc: "desc",
} as const;
/** Sort direction of a listing. */
export type SortOrder = (typeof SortOrder)[keyof typeof SortOrder];

/**
 * Validates an {@link ArtifactStatus}.
 * @internal
 */
export const artifactStatusSchema = v.picklist(Object.values(ArtifactStatus));
/**
 * Validates an {@link ArtifactType}.
 * @internal
 */
export const artifactTypeSchema = v.picklist(Object.values(ArtifactType));
/**
 * Validates a {@link CollectionType}.
 * @internal
 */
export const collectionTypeSchema = v.picklist(Object.values(CollectionType));
