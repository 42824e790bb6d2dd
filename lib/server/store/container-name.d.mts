export const PREVIEW_MARK: string;
export function containerName(options: {
  container: string;
  vercelEnv?: string | undefined;
  branch?: string | undefined;
}): string;
