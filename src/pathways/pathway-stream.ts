export const pathwayStream = (pathwayId: string): string => `pathway-${pathwayId}`;
