// The browser-facing API contract: zod schemas and types shared by the BFF and the web app.
// This package face imports only zod (enforced by lint); web may import nothing else from bff.
export * from './ids';
export * from './months';
export * from './services';
export * from './dashboard-query';
export * from './cost-query-status';
export * from './usage';
export * from './usage-summary';
export * from './pickers';
export * from './problem';
export * from './meta';
export * from './history';
export * from './presets';
export * from './api-routes';
