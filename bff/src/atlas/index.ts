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
export type {
  AtlasCallOptions,
  AtlasClient,
  AtlasClientOptions,
  AtlasLogger,
  AtlasResponseMeta,
  AtlasUsageResult,
} from './types';
