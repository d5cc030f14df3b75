"""What every feature of the web app stands on, and no page of its own.

The database session and its unit of work (:mod:`web.infra.db`), background jobs (:mod:`web.infra.jobs`),
server-side sessions, security headers, error pages, settings, the keyed audit trail and its checkpoints,
the reverse-proxy set-up, safe redirects, sign-in back-off, shared services (encoder, screener, ESCO),
CSV rows, form helpers, navigation, exports and the retention policy.
"""
