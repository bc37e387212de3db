#!/bin/bash
# What CI can check of the deploy scripts without a Pi: syntax (bash -n), shellcheck when installed, a dry run of
# provision-pi.sh (all nine steps, nothing changed), and enrol-node.sh end to end in a temporary folder.
# Not checked here (needs a Pi): apt installs, raspi-config, the units under systemd, GPIO/I2C groups, the kiosk.
set -euo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts=("$deploy/provision-pi.sh" "$deploy/enrol-node.sh" "$deploy/bin/opvang-health-probe" "$deploy/kiosk/opvang-kiosk"
    "$deploy/test/check-scripts.sh")
failed=0

# Locally a missing tool skips its check; in CI (CI set, as .ci/run does) it fails it: a skipped check proves nothing.
case "${CI:-}" in "" | false | 0) ci=false ;; *) ci=true ;; esac
missing() { # $1: the check, $2: how to install what it needs
    if $ci; then
        echo "FAIL $1 (not installed: $2; CI must run every check)"
        failed=1
    else
        echo "skip $1 (not installed: $2)"
    fi
}

for script in "${scripts[@]}"; do
    if bash -n "$script"; then
        echo "ok   bash -n $(basename "$script")"
    else
        echo "FAIL bash -n $(basename "$script")"
        failed=1
    fi
done

if command -v shellcheck > /dev/null; then
    if shellcheck "${scripts[@]}"; then
        echo "ok   shellcheck"
    else
        echo "FAIL shellcheck"
        failed=1
    fi
else
    missing shellcheck "apt-get install -y shellcheck"
fi

if command -v systemd-analyze > /dev/null; then
    # The probe units name /usr/local/bin/opvang-health-probe, which exists only once installed.
    for unit in "$deploy"/systemd/*.service "$deploy"/systemd/*.timer; do
        problems="$(systemd-analyze verify "$unit" 2>&1 | grep -v 'opvang-health-probe is not executable' || true)"
        if [[ -z "$problems" ]]; then
            echo "ok   systemd-analyze verify $(basename "$unit")"
        else
            echo "FAIL systemd-analyze verify $(basename "$unit"): $problems"
            failed=1
        fi
    done
else
    missing systemd-analyze "apt-get install -y systemd"
fi

dry="$("$deploy/provision-pi.sh" --dry-run --jar /nonexistent/opvang-device.jar --kiosk-user kiosk)"
for expected in "Dry run: nothing is changed." "[1/9] Checking the system" "[3/9] Creating the service user" \
        "would run: install -d -o root -g opvang -m 0750 /etc/opvang" \
        "would run: install -d -o opvang -g opvang -m 0700 /var/lib/opvang" \
        "would run: systemctl enable opvang-device.service" "[9/9] Setting up the kiosk"; do
    if grep -qF -- "$expected" <<< "$dry"; then
        echo "ok   dry run shows: $expected"
    else
        echo "FAIL dry run does not show: $expected"
        failed=1
    fi
done

if command -v mosquitto_passwd > /dev/null; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    echo "0123456789abcdef0123456789abcdef" > "$work/key"
    "$deploy/enrol-node.sh" amg amg-9 --broker-url ssl://hub.example.nl:8883 --token-key-file "$work/key" \
        --out "$work/out" > /dev/null
    if grep -q "^node-amg-9:[\$]7[\$]" "$work/out/password_file.line" && grep -q '"username": "node-amg-9"' "$work/out/device.json"; then
        echo "ok   enrol-node.sh wrote a password line and a config"
    else
        echo "FAIL enrol-node.sh output"
        failed=1
    fi
else
    missing enrol-node.sh "mosquitto_passwd: apt-get install -y mosquitto"
fi

exit "$failed"
