-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "identityKey" TEXT,
ADD COLUMN     "publicKeySha256" TEXT;

-- CreateIndex
CREATE INDEX "Application_identityKey_idx" ON "Application"("identityKey");

-- CreateIndex
CREATE INDEX "Application_publicKeySha256_idx" ON "Application"("publicKeySha256");

-- Back-fill: the same normalisation as identityKey() in src/domain/identity/identity-key.ts
-- (full-width to half-width, no spaces, hyphens or dashes, upper case; "P:" person, "O:" organisation).
-- Erased identities and organisations get none (their numbers are gone).
UPDATE "Application" a
SET "identityKey" = 'P:' || upper(regexp_replace(
  translate(si."idDocumentNumber", '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－',
                      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-'),
  '[[:space:]　 ‐‑‒–—―−ー-]+', '', 'g'))
FROM "SubscriberIdentity" si
WHERE a."subjectType" = 'INDIVIDUAL' AND a."subscriberIdentityId" = si."id" AND si."anonymisedAt" IS NULL;

UPDATE "Application" a
SET "identityKey" = 'O:' || upper(regexp_replace(o."unifiedSocialCreditCode", '[[:space:]　 ‐‑‒–—―−ー-]+', '', 'g'))
FROM "Organisation" o
WHERE a."subjectType" = 'ORGANISATION' AND a."organisationId" = o."id" AND o."anonymisedAt" IS NULL;

UPDATE "Application" SET "identityKey" = NULL WHERE "identityKey" IN ('P:', 'O:') OR length("identityKey") > 66;

-- Back-fill the key hash from the stored CSR: SHA-256 of the SubjectPublicKeyInfo, the third element
-- of CertificationRequestInfo (version, subject, subjectPKInfo), read from the DER. A temporary
-- function, dropped again: it is not part of the schema. An unreadable CSR leaves the column null.
CREATE FUNCTION pg_temp.csr_spki_sha256(der bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  pos int := 0;
  hdr int;
  len int;
  step int;
  n int;
BEGIN
  -- step 0: enter the outer SEQUENCE; 1: enter CertificationRequestInfo; 2, 3: skip version and subject; 4: the SPKI.
  FOR step IN 0..4 LOOP
    len := get_byte(der, pos + 1);
    hdr := 2;
    IF len >= 128 THEN
      n := len - 128;
      IF n < 1 OR n > 3 THEN RETURN NULL; END IF;
      len := 0;
      FOR i IN 1..n LOOP len := len * 256 + get_byte(der, pos + 1 + i); END LOOP;
      hdr := 2 + n;
    END IF;
    IF get_byte(der, pos) <> (CASE WHEN step = 2 THEN 2 ELSE 48 END) THEN RETURN NULL; END IF;
    IF step = 4 THEN
      IF pos + hdr + len > length(der) THEN RETURN NULL; END IF;
      RETURN encode(sha256(substring(der FROM pos + 1 FOR hdr + len)), 'hex');
    END IF;
    pos := pos + hdr + (CASE WHEN step >= 2 THEN len ELSE 0 END);
  END LOOP;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  RETURN NULL;
END
$$;

UPDATE "Application" SET "publicKeySha256" = pg_temp.csr_spki_sha256("csrDer") WHERE "csrDer" IS NOT NULL;

DROP FUNCTION pg_temp.csr_spki_sha256(bytea);
