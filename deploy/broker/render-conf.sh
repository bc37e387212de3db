#!/bin/bash
# Renders mosquitto.conf.template into a Mosquitto config.
#
#   deploy/broker/render-conf.sh [--port 8883] [--dir /etc/mosquitto/opvang] [--data /var/lib/mosquitto/]
#                                [--user mosquitto] > /etc/mosquitto/mosquitto.conf
set -euo pipefail

port=8883
dir=/etc/mosquitto/opvang
data=/var/lib/mosquitto/
user=mosquitto
while (( $# > 0 )); do
    case "$1" in
        --port) port="${2:-}"; shift ;;
        --dir) dir="${2:-}"; shift ;;
        --data) data="${2:-}"; shift ;;
        --user) user="${2:-}"; shift ;;
        *) echo "render-conf: unknown option $1" >&2; sed -n '4,5p' "$0" >&2; exit 2 ;;
    esac
    shift
done
[[ "$port" =~ ^[0-9]{1,5}$ ]] || { echo "render-conf: --port must be a number" >&2; exit 2; }
for value in "$dir" "$data"; do
    [[ "$value" =~ ^/[A-Za-z0-9._/-]*$ ]] || { echo "render-conf: $value must be an absolute path" >&2; exit 2; }
done
[[ "$user" =~ ^[a-z_][a-z0-9_-]*$ ]] || { echo "render-conf: --user must be a user name" >&2; exit 2; }
# Persistence wants a trailing slash: it is a prefix, not a folder name.
[[ "$data" == */ ]] || data="$data/"

sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir|g" -e "s|@DATA@|$data|g" -e "s|@USER@|$user|g" \
    "$(dirname "${BASH_SOURCE[0]}")/mosquitto.conf.template"
