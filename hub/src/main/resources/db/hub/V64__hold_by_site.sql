-- V64: the monitoring figures about requests per location (docs/MONITORING.md "Per location", unmet demand and
-- placement): each location's requests of a period by their creation time, instead of a read of all holds per location
-- (docs/PERFORMANCE.md "Monitoring").
CREATE INDEX hold_site_created ON hold (site, created_ms);
