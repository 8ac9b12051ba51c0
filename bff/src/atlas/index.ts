// The Atlas client's public face: the only code in the BFF that talks to Atlas.
export { createAtlasClient } from './client';
export {
  AtlasApiError,
  AtlasAuthError,
  AtlasError,
  AtlasInputError,
  AtlasNetworkError,
  AtlasProtocolError,
  AtlasUnrecognizedAnswerError,
  AtlasTimeoutError,
  type AtlasFieldViolation,
  type AtlasRateLimit,
} from './errors';
export {
  apiErrorSchema,
  clusterSchema,
  costExplorerFilterSchema,
  orgSchema,
  projectSchema,
  usageDetailSchema,
  type AtlasCluster,
  type AtlasCostExplorerFilter,
  type AtlasOrg,
  type AtlasProject,
  type AtlasUsageDetail,
} from './schemas';
export { ATLAS_MEDIA_TYPE } from './transport';
export { describeExchange, type WireExchange, type WireLine, type WireLog } from './wire-log';
export { openWireLogFile, type WireLogFile } from './wire-log-file';
export { shapeOf, type Shape } from './wire-shape';
export type {
  AtlasCallOptions,
  AtlasClient,
  AtlasClientOptions,
  AtlasLogger,
  AtlasResponseMeta,
  AtlasUsageResult,
  UsageCallOptions,
} from './types';
