import type { LaunchOptions } from "@playwright/test";

export const firefoxLaunchOptions: LaunchOptions;
