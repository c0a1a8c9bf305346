import pino, { type Logger } from "pino";
import { logLevelSetting } from "@/config/settings";

/**
 * Field names whose values never reach a log line, wherever they sit (top level, one or two
 * levels down, or in request headers). Personal data (email) is treated like a secret: logs
 * identify users by id only.
 */
const SENSITIVE = [
  "password",
  "newPassword",
  "passwordHash",
  "token",
  "tokenHash",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "email",
  "toAddress",
  "to",
  "ip",
  "privateKey",
  "pkcs12",
];

export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((k) => `*.${k}`),
  ...SENSITIVE.map((k) => `*.*.${k}`),
  ...SENSITIVE.map((k) => `headers["${k}"]`),
  ...SENSITIVE.map((k) => `req.headers["${k}"]`),
];

export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: logLevelSetting(),
      base: { service: "portal" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Error stacks are useful, but an error's message may echo input; keep the type and stack.
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** The process-wide logger. Child loggers name their area: logger.child({ area: "auth" }). */
export const logger: Logger = createLogger();
