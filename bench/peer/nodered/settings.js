// Node-RED settings for the bench peer (docs/PERFORMANCE.md). The bench starts Node-RED with this file and sets
// BENCH_NODERED_PORT (a free loopback port); the flows read BENCH_MQTT_HOST, BENCH_MQTT_PORT and BENCH_SQLITE.
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: parseInt(process.env.BENCH_NODERED_PORT, 10),
    flowFile: "flows.json",
    credentialSecret: false,
    // No editor and no admin API: the peer only runs its flow.
    httpAdminRoot: false,
    httpNodeRoot: false,
    diagnostics: { enabled: false },
    runtimeState: { enabled: false },
    telemetry: { enabled: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    functionExternalModules: false,
    logging: { console: { level: "info", metrics: false, audit: false } }
};
