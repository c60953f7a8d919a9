/** A request header as text ('' when absent; the first value when repeated). */
import type { Request } from '@hapi/hapi';

export function headerText(request: Request, name: string): string {
  const value: unknown = request.headers[name];
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}
