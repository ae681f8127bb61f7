import helmet from 'helmet';

/**
 * Helmet's headers with a policy the dashboard lives within: scripts and styles from the product itself only
 * (style attributes allowed: ECharts' tooltips carry them), no framing by any site, nosniff.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'object-src': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    // Served over plain HTTP on a local port: HSTS belongs to the TLS proxy in front, not here.
    strictTransportSecurity: false,
  });
}
