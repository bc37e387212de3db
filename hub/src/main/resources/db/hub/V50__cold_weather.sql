-- V50 (issue 13): cold-weather mode (koudweerregeling, docs/DESIGN.md §4). One row per period the mode was on, kept
-- after it ends (who switched it on and why, until when, when and why it ended); at most one open period per region.
-- Extending a period changes its until_ms and notes who and when; every switch is also in the audit log.
CREATE TABLE cold_weather (
    id            INTEGER PRIMARY KEY,
    region        TEXT NOT NULL,
    started_ms    BIGINT NOT NULL,
    started_by    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    until_ms      BIGINT NOT NULL,
    changed_ms    BIGINT,
    changed_by    TEXT,
    ended_ms      BIGINT,
    ended_by      TEXT,
    end_reason    TEXT
);
CREATE UNIQUE INDEX cold_weather_one_open ON cold_weather (region) WHERE ended_ms IS NULL;

-- The locations a period covers (replaced when it is extended with another choice).
CREATE TABLE cold_weather_site (
    cold_weather  INTEGER NOT NULL REFERENCES cold_weather (id),
    site          TEXT NOT NULL REFERENCES location (code),
    PRIMARY KEY (cold_weather, site)
);

-- The nodes whose nood places the mode opened: only these are closed when it ends (never under a guest), and the row
-- stays open (released_ms NULL) until the node reports them closed or a later period takes the node over.
CREATE TABLE cold_weather_node (
    cold_weather  INTEGER NOT NULL REFERENCES cold_weather (id),
    node          TEXT NOT NULL REFERENCES node (code),
    opened_ms     BIGINT NOT NULL,
    released_ms   BIGINT,
    PRIMARY KEY (cold_weather, node)
);
CREATE INDEX cold_weather_node_open ON cold_weather_node (node) WHERE released_ms IS NULL;
