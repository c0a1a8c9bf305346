import { z } from "zod";
import { SUBSCRIBER_REVOCATION_REASONS } from "@/domain/revocation";

/** The reasons a subscriber may give (domain rule); the form offers exactly these. */
export const subscriberReasonSchema = z.enum(SUBSCRIBER_REVOCATION_REASONS);
