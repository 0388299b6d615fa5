/** A Kubernetes MicroTime: RFC 3339 with exactly six fractional digits (the apiserver refuses three). */
export function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
