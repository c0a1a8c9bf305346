-- Data only (issue 12): one-time link tokens out of stored mail payloads.
-- The verification and reset mails carry their raw token in payload.path ("/verify-email?token=...").
-- From now on the outbox worker replaces it once the mail is sent or given up on
-- (withoutLinkSecrets in src/server/core/outbox.ts); this cleans the rows stored before.
-- Mails still PENDING keep their token: the worker needs it to send them, and redacts it after.
UPDATE "Notification"
SET "payload" = jsonb_set(
  "payload",
  '{path}',
  to_jsonb(regexp_replace("payload"->>'path', '([?&]token=)[^&#[:space:]]*', '\1redacted', 'g'))
)
WHERE "status" <> 'PENDING'
  AND jsonb_typeof("payload") = 'object'
  AND "payload"->>'path' ~ '[?&]token=';
