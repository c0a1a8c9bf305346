/**
 * The rule for a PKCS#12 password the subscriber chooses (same as the browser-made PKCS#12): at
 * least 12 characters from three of lower case, upper case, digits and symbols. The file is the
 * only protection of the private key once it leaves the server, so a weak password is refused.
 */
export const PKCS12_PASSWORD_MIN_LENGTH = 12;

export type Pkcs12PasswordProblem = "short" | "classes" | "mismatch";

export function pkcs12PasswordProblems(password: string, repeat: string): Pkcs12PasswordProblem[] {
  const problems: Pkcs12PasswordProblem[] = [];
  if ([...password].length < PKCS12_PASSWORD_MIN_LENGTH) problems.push("short");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push("classes");
  if (password !== repeat) problems.push("mismatch");
  return problems;
}
