import type { ApplicationType } from '../api/api.ts';
import type { AnyApplicationSpec, ApplicationSpec } from './application-spec.ts';
import { designationApplicationSpec } from './designation-application-spec.ts';
import { listingApplicationSpec } from './listing-application-spec.ts';
import { serviceApplicationSpec } from './service-application-spec.ts';

const specs: { [T in ApplicationType]: ApplicationSpec<T> } = {
  service: serviceApplicationSpec,
  listing: listingApplicationSpec,
  designation: designationApplicationSpec,
};

/** The console's knowledge of an application type (fields, facts, who applies). */
export function applicationSpecOf(type: ApplicationType): AnyApplicationSpec {
  return specs[type] as AnyApplicationSpec;
}
