// CloudFront Function (runtime cloudfront-js-2.0), viewer request on /vwr/*. S3 holds one waiting page,
// /vwr/index.html; /vwr/{eventId} (where edge-auth sends people without a pass) is answered by it, and the
// page reads the event id from the address bar. Other paths under /vwr/ are left alone.
const waitingPagePath = /^\/vwr(\/[A-Za-z0-9_-]{1,64})?\/?$/;

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler
function handler(event) {
  const request = event.request;
  if (waitingPagePath.test(request.uri)) request.uri = '/vwr/index.html';
  return request;
}
