-- V63: the monitoring figures per location (docs/MONITORING.md "Per location"): the per-location breakdown and the
-- gemeente's suppression table ask each location's stays by their first or last night; without these indexes every
-- location's question read the whole period from the night indexes (docs/PERFORMANCE.md "Monitoring").
CREATE INDEX monitor_stay_location_first ON monitor_stay (location, first_night);
CREATE INDEX monitor_stay_location_last ON monitor_stay (location, last_night);
