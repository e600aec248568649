/**
 * What another web front of BrandService reuses from this example (`@dubbo-ts/example-sellergoods-web/brand-http`):
 * the JSON mapping, the failure mapping and the provider tracking, so both fronts answer alike.
 */
export {
  type BrandJson,
  brandOf,
  idOf,
  idsOf,
  pageJson,
  pageOf,
  type Query,
  toJson,
} from "./brand-json.js";
export { BadRequestError, type FailureBody, toHttpFailure } from "./http-error.js";
export { trackProvider } from "./provider-context.js";
