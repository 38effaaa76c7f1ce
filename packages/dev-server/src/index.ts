export { defaultPartSize } from "./api/part-size";
export { FaultEngine } from "./faults";
export {
  DEFAULT_API_BODY_LIMIT,
  DEFAULT_MULTIPART_THRESHOLD,
  DEFAULT_URL_EXPIRES_IN,
  startDevServer,
} from "./start-dev-server";
export type {
  DevServer,
  DevServerOptions,
  FaultAction,
  FaultController,
  FaultRule,
  Seeded,
  SeededRef,
  StorageInfo,
} from "./types";
