/**
 * The rule for a PKCS#12 password the subscriber chooses, for both the server-made PKCS#12 and the
 * one the browser builds: 12 to 128 characters, no control characters, at least three of lower case,
 * upper case, digits and symbols. The file is the only protection of the private key once it leaves
 * the server, so a weak password is refused. Pure: the forms check as the subscriber types and the
 * use case checks again with the same function (the CA engine keeps its own last-line check).
 */
export const PKCS12_PASSWORD_MIN_LENGTH = 12;
export const PKCS12_PASSWORD_MAX_LENGTH = 128;

/** "long" and "control" are not shown while typing (the form limits the length); the use case refuses them. */
export type Pkcs12PasswordStrengthProblem = "short" | "long" | "control" | "classes";
export type Pkcs12PasswordProblem = Pkcs12PasswordStrengthProblem | "mismatch";

/** The zod issue message when the use case refuses a password. */
export const PKCS12_PASSWORD_WEAK_ISSUE = "PKCS12_PASSWORD_WEAK";

export function pkcs12PasswordStrengthProblems(password: string): Pkcs12PasswordStrengthProblem[] {
  const problems: Pkcs12PasswordStrengthProblem[] = [];
  const length = [...password].length;
  if (length < PKCS12_PASSWORD_MIN_LENGTH) problems.push("short");
  if (length > PKCS12_PASSWORD_MAX_LENGTH) problems.push("long");
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push("control");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push("classes");
  return problems;
}

/** The strength problems plus "mismatch" when the repeated entry differs: what a form with two fields checks. */
export function pkcs12PasswordProblems(password: string, repeat: string): Pkcs12PasswordProblem[] {
  const problems: Pkcs12PasswordProblem[] = pkcs12PasswordStrengthProblems(password);
  if (password !== repeat) problems.push("mismatch");
  return problems;
}

export function isAcceptablePkcs12Password(password: string): boolean {
  return pkcs12PasswordStrengthProblems(password).length === 0;
}
