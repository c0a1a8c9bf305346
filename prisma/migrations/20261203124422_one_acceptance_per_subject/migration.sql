-- One acceptance rule (issue 15; preamble, clause 7.5): the version in force, accepted once by the
-- subject (a person for themselves, or an organisation through any of its authorised agents),
-- covers every action. The context stays recorded as evidence, but no longer separates active
-- acceptances: one active acceptance per subject replaces one per (user, organisation, context).
-- Raw SQL only (schema.prisma cannot express partial indexes); listed in src/db/raw-sql-extras.ts.

-- Existing rows: of each subject's active acceptances keep the one of the highest version (the
-- latest of those) and mark the others superseded by it, so the new indexes can be built. The
-- rows themselves (who, when, which text, which context) are kept unchanged as evidence.
WITH ranked AS (
  SELECT a."id",
         first_value(a."id") OVER w AS "keepId",
         row_number() OVER w AS "rank"
  FROM "AgreementAcceptance" a
  JOIN "AgreementVersion" v ON v."id" = a."versionId"
  WHERE a."supersededAt" IS NULL
  WINDOW w AS (
    PARTITION BY COALESCE('organisation:' || a."onBehalfOfOrganisationId", 'person:' || a."userId")
    ORDER BY v."version" DESC, a."acceptedAt" DESC, a."id" DESC
  )
)
UPDATE "AgreementAcceptance" t
SET "supersededAt" = now(), "supersededById" = r."keepId"
FROM ranked r
WHERE t."id" = r."id" AND r."rank" > 1;

DROP INDEX "AgreementAcceptance_one_active_key";

-- A person's own active acceptance: one per person.
CREATE UNIQUE INDEX "AgreementAcceptance_one_active_person_key"
  ON "AgreementAcceptance" ("userId")
  WHERE "supersededAt" IS NULL AND "onBehalfOfOrganisationId" IS NULL;

-- An organisation's active acceptance: one per organisation, whichever agent gave it.
CREATE UNIQUE INDEX "AgreementAcceptance_one_active_organisation_key"
  ON "AgreementAcceptance" ("onBehalfOfOrganisationId")
  WHERE "supersededAt" IS NULL AND "onBehalfOfOrganisationId" IS NOT NULL;
