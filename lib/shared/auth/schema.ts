import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 8;

export const credentialsSchema = z.object({
  email: z
    .string({ message: "is required" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "must be an email address like name@example.com" }).max(254)),
  password: z
    .string({ message: "is required" })
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024, "must be at most 1024 characters"),
});

export type Credentials = z.infer<typeof credentialsSchema>;
