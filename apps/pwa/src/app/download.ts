/** Offers a file to the browser's downloads (a CSV, an XLSForm, a FHIR resource). */
export function download(fileName: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns: revoke it once the download has surely started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
