// Errors of the file formats that callers treat as a class, not one by one.

/** A folder name the target format cannot hold (an empty part, the format's separator…): the whole folder is skipped. */
export class FolderNameError extends Error {
  override name = 'FolderNameError';
}
