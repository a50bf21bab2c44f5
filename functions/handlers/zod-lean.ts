// Bundling only (see infra/api-function.ts): `zod` is aliased to this module when the Lambda
// bundles are built. @hono/zod-openapi imports zod's `z` namespace object and passes it around,
// which keeps every zod module (all ~50 locales, 250 KB) in the bundle. Its only use of it is
// `extendZodWithOpenApi(z)`, which touches `z.ZodType`; so here `z` is just that, and every other
// import of zod gets the named exports, which the bundler can tree-shake.
import { ZodType } from '../../node_modules/zod/v4/classic/external.js';

export * from '../../node_modules/zod/v4/classic/external.js';
export const z = { ZodType };
