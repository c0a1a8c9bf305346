/**
 * The reference an applicant quotes on a bank transfer (汇款附言/用途) so the RA can match the
 * payment to the application: the first 8 characters of the application number, upper case. Short
 * enough for any bank's memo field; the RA page shows it beside the full number.
 */
export function transferReference(applicationId: string): string {
  return applicationId.replace(/-/g, "").slice(0, 8).toUpperCase();
}
