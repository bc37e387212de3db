#!/bin/bash
# Provisions a Raspberry Pi (Raspberry Pi OS Bookworm 64-bit) as an opvang location node. Idempotent: run it again
# after an update; it keeps an existing /etc/opvang/device.json.
#
#   sudo deploy/provision-pi.sh [--dry-run] [--jar FILE] [--kiosk-user USER] [--no-kiosk]
#
#   --dry-run         print what would be done, change nothing (runs without root)
#   --jar FILE        the device jar (default: device/target/opvang-device.jar next to this script's folder)
#   --kiosk-user USER the desktop user whose session shows the kiosk (default: the user who ran sudo)
#   --no-kiosk        no Chromium autostart (a panel node with buttons and a display only)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
jar="$repo/device/target/opvang-device.jar"
kiosk_user="${SUDO_USER:-}"
kiosk=yes
dry_run=no
steps=9
step=0

while (( $# > 0 )); do
    case "$1" in
        --dry-run) dry_run=yes ;;
        --jar) jar="${2:?--jar needs a file}"; shift ;;
        --kiosk-user) kiosk_user="${2:?--kiosk-user needs a user}"; shift ;;
        --no-kiosk) kiosk=no ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "provision-pi: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

progress() {
    step=$((step + 1))
    echo "[$step/$steps] $*"
}

# Runs a command, or in a dry run prints it.
run() {
    if [[ "$dry_run" == yes ]]; then
        echo "    would run: $*"
    else
        "$@"
    fi
}

# Appends a line to a file unless it is there already (idempotent edits of user files).
append_once() {
    local line="$1" file="$2"
    if [[ -f "$file" ]] && grep -qxF "$line" "$file"; then
        echo "    already in $file"
    elif [[ "$dry_run" == yes ]]; then
        echo "    would append to $file: $line"
    else
        echo "$line" >> "$file"
    fi
}

if [[ "$dry_run" == no && "$(id -u)" -ne 0 ]]; then
    echo "provision-pi: run as root (sudo $0 $*), or add --dry-run to see what it would do" >&2
    exit 1
fi
if [[ ! -f "$jar" && "$dry_run" == no ]]; then
    echo "provision-pi: no device jar at $jar; build it (mvn -pl device -am package) or give --jar FILE" >&2
    exit 1
fi
[[ "$dry_run" == yes ]] && echo "Dry run: nothing is changed."

progress "Checking the system"
if [[ -r /etc/os-release ]] && grep -q 'VERSION_CODENAME=bookworm' /etc/os-release; then
    echo "    Debian/Raspberry Pi OS Bookworm: supported"
else
    echo "    warning: not Bookworm; only Raspberry Pi OS Bookworm 64-bit is the target (Trixie is not verified)"
fi
if [[ "$(uname -m)" != aarch64 ]]; then
    echo "    warning: $(uname -m), not aarch64; Pi4J's native GPIO libraries exist for aarch64 and armhf only"
fi

progress "Installing packages (Java 17, Chromium, I2C tools)"
packages=(openjdk-17-jre-headless i2c-tools curl)
if [[ "$kiosk" == yes ]]; then
    # Raspberry Pi OS Bookworm calls the browser chromium-browser; plain Debian calls it chromium.
    if apt-cache show chromium-browser > /dev/null 2>&1; then
        packages+=(chromium-browser)
    else
        packages+=(chromium)
    fi
fi
run apt-get update
run apt-get install -y --no-install-recommends "${packages[@]}"

progress "Creating the service user opvang (no login shell)"
if id opvang > /dev/null 2>&1; then
    echo "    user opvang exists"
else
    run useradd --system --home-dir /var/lib/opvang --no-create-home --shell /usr/sbin/nologin opvang
fi
for group in gpio i2c input; do
    if getent group "$group" > /dev/null; then
        run usermod -aG "$group" opvang
    else
        echo "    no group $group on this system (fine off a Pi)"
    fi
done

progress "Creating folders /opt/opvang, /etc/opvang (0750), /var/lib/opvang (0700)"
run install -d -o root -g root -m 0755 /opt/opvang
run install -d -o root -g opvang -m 0750 /etc/opvang
run install -d -o opvang -g opvang -m 0700 /var/lib/opvang

progress "Enabling I2C (the display)"
if command -v raspi-config > /dev/null; then
    run raspi-config nonint do_i2c 0
else
    echo "    no raspi-config: not a Raspberry Pi OS image, I2C left as it is"
fi

progress "Installing the device jar and the health probe"
run install -o root -g root -m 0644 "$jar" /opt/opvang/opvang-device.jar
run install -o root -g root -m 0755 "$here/bin/opvang-health-probe" /usr/local/bin/opvang-health-probe
run install -o root -g root -m 0644 "$repo/docs/INSTALL-PI.md" /opt/opvang/INSTALL-PI.md

progress "Installing a config (kept when one exists)"
if [[ -f /etc/opvang/device.json ]]; then
    echo "    /etc/opvang/device.json exists: kept"
else
    run install -o root -g opvang -m 0640 "$here/device.example.json" /etc/opvang/device.json
    echo "    example config installed: replace it with the one deploy/enrol-node.sh wrote for this node"
fi

progress "Installing and starting the systemd unit opvang-device"
for unit in opvang-device.service opvang-device-health.service opvang-device-health.timer; do
    run install -o root -g root -m 0644 "$here/systemd/$unit" "/etc/systemd/system/$unit"
done
run systemctl daemon-reload
run systemctl enable opvang-device.service
run systemctl restart opvang-device.service

progress "Setting up the kiosk (Chromium on the touchscreen)"
if [[ "$kiosk" == no ]]; then
    echo "    --no-kiosk: skipped"
elif [[ -z "$kiosk_user" || "$kiosk_user" == root ]]; then
    echo "    no desktop user known: run with --kiosk-user USER (the user that logs in to the desktop)"
else
    home="$(getent passwd "$kiosk_user" | cut -d: -f6 || true)"
    home="${home:-/home/$kiosk_user}"
    run install -o root -g root -m 0755 "$here/kiosk/opvang-kiosk" /usr/local/bin/opvang-kiosk
    run install -d -o "$kiosk_user" -g "$kiosk_user" -m 0755 "$home/.config" "$home/.config/labwc"
    # labwc (Bookworm from October 2024) and wayfire (earlier Bookworm): set up both, the session uses its own.
    append_once "/usr/local/bin/opvang-kiosk &" "$home/.config/labwc/autostart"
    wayfire_ini="$home/.config/wayfire.ini"
    if [[ -f "$wayfire_ini" ]] && grep -q '^opvang_kiosk' "$wayfire_ini"; then
        echo "    already in $wayfire_ini"
    elif [[ -f "$wayfire_ini" ]] && grep -q '^\[autostart\]' "$wayfire_ini"; then
        run sed -i '/^\[autostart\]/a opvang_kiosk = /usr/local/bin/opvang-kiosk' "$wayfire_ini"
    else
        append_once "[autostart]" "$wayfire_ini"
        append_once "opvang_kiosk = /usr/local/bin/opvang-kiosk" "$wayfire_ini"
    fi
    run chown "$kiosk_user:$kiosk_user" "$home/.config/labwc/autostart" "$wayfire_ini"
    if command -v raspi-config > /dev/null; then
        run raspi-config nonint do_blanking 1
        run raspi-config nonint do_boot_behaviour B4
    else
        echo "    no raspi-config: switch screen blanking off by hand"
    fi
fi

echo "Done. Check: systemctl status opvang-device; journalctl -u opvang-device -f; the kiosk after a reboot."
