/** What the page reports after uploading the file chosen in its picker. */
export interface PickedUploadReport {
  /** The picked file's name, as the page saw it. */
  fileName: string;
  size: number;
  /** How many `uploading` progress events arrived. */
  uploadingEvents: number;
  /** sha256 of the bytes downloaded back. */
  downloadedHash: string;
  /** How long the download took, in milliseconds. */
  downloadMs: number;
  /** The longest wait of a 1 ms timer in the page during the download, in milliseconds. */
  downloadLongestGap: number;
}
