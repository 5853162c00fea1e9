export function interopVenv(): string
export function interopPython(): string
