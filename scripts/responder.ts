// `npm run responder`: the PKI endpoints alone (OCSP POST and RFC 5019 GET, CRLs, CA certificates,
// timestamps, GET /pki/health) for a validation-authority host, on the portal's PostgreSQL
// (DATABASE_URL) and CA keys (CA_KEY_PASSPHRASE or the PKCS#11 settings), listening on PORT
// (3000) and HOST (127.0.0.1). Status changes made anywhere reach it through the database's
// announcements, and it re-signs its own pre-signed responses every minute; it serves no pages.
// SIGINT/SIGTERM: stops accepting, finishes the answers under way, closes the database, exits.
import { settings } from "@/config/settings";
import { closeDatabase } from "@/db";
import { startPkiResponder } from "@/server/pki-server";

const config = settings();
if (config.embeddedDefault) {
  // PGlite is one process's database: a second process on the portal's DATA_DIR would corrupt it.
  console.error("[responder] npm run responder needs DATABASE_URL (PostgreSQL): the embedded database belongs to the portal's own process, which already serves /pki/*.");
  process.exit(1);
}

const responder = await startPkiResponder({ port: config.port, host: config.host });
console.log(`[responder] PKI responder: ${responder.url}/pki/ocsp (health: ${responder.url}/pki/health)`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void responder
    .close()
    .then(closeDatabase)
    .catch((e: unknown) => console.error("[responder] shutdown failed", e))
    .finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
