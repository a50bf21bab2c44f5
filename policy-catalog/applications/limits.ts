/**
 * What one organisation may hold, so that no applicant can flood the bureau's inbox or the
 * store. Neither notice sets numbers; these are the bureau's settings.
 *
 * - open drafts: 20 per organisation and application type. A hospital rarely prepares more than
 *   a handful of new items at once; a draft that is submitted or withdrawn frees its place.
 * - material texts (a deferral's commitment, an unavailable material's explanation): 500
 *   characters, a written statement's length; the documents themselves are files.
 * - declarations: one per checklist key, so at most the checklist's length.
 * - files: 10 stored per material (a certificate's pages as separate scans fit), and 100 upload
 *   requests per application at a time (stored, or asked for within the day), so that one
 *   application's files are read in one small query.
 */
export const applicationLimits = {
  openDraftsPerOrganisation: 20,
  materialTextLength: 500,
  documentsPerMaterial: 10,
  documentRecordsPerApplication: 100,
} as const;
