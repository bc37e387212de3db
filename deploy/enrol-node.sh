#!/bin/bash
# Enrols a location node until the hub's admin page does it (docs/DESIGN.md §3): makes the node's broker password, its
# line for Mosquitto's password_file, its ACL lines, and its device config; prints what goes where.
#
#   deploy/enrol-node.sh SITE NODE --broker-url ssl://hub.example.nl:8883 --token-key-file FILE [--key-id k1]
#                        [--profile kiosk|panel] [--out DIR]
#
#   SITE, NODE        opaque codes (lower-case letters, digits, '-'), as in the hub's region file; never a street name
#   --broker-url URL  how the node reaches the broker (ssl:// in production)
#   --token-key-file  file holding the region's pseudonymisation key (one line); the key is copied into the config
#   --key-id ID       the key's id, the prefix of every token (default k1)
#   --out DIR         where to write the files (default ./enrol-SITE-NODE); must not exist yet
set -euo pipefail

usage() {
    sed -n '5,14p' "$0" >&2
    exit 2
}

(( $# >= 2 )) || usage
site="$1"
node="$2"
shift 2
broker_url=""
key_file=""
key_id="k1"
profile="kiosk"
out=""
while (( $# > 0 )); do
    case "$1" in
        --broker-url) broker_url="${2:-}"; shift ;;
        --token-key-file) key_file="${2:-}"; shift ;;
        --key-id) key_id="${2:-}"; shift ;;
        --profile) profile="${2:-}"; shift ;;
        --out) out="${2:-}"; shift ;;
        *) echo "enrol-node: unknown option $1" >&2; usage ;;
    esac
    shift
done

code='^[a-z0-9][a-z0-9-]{0,31}$'
[[ "$site" =~ $code ]] || { echo "enrol-node: SITE must be a code like amg (a-z, 0-9, -)" >&2; exit 2; }
[[ "$node" =~ $code ]] || { echo "enrol-node: NODE must be a code like amg-1 (a-z, 0-9, -)" >&2; exit 2; }
[[ "$broker_url" =~ ^(tcp|ssl)://[^/[:space:]]+:[0-9]{1,5}$ ]] \
    || { echo "enrol-node: --broker-url must look like ssl://hub.example.nl:8883" >&2; exit 2; }
[[ "$key_id" =~ ^[a-z0-9]{1,8}$ ]] || { echo "enrol-node: --key-id must be 1 to 8 of a-z, 0-9" >&2; exit 2; }
[[ "$profile" == kiosk || "$profile" == panel ]] || { echo "enrol-node: --profile must be kiosk or panel" >&2; exit 2; }
[[ -n "$key_file" && -r "$key_file" ]] || { echo "enrol-node: --token-key-file must name a readable key file" >&2; exit 2; }
token_key="$(head -n 1 "$key_file" | tr -d '[:space:]')"
(( ${#token_key} >= 16 )) || { echo "enrol-node: the key in $key_file is shorter than 16 characters" >&2; exit 2; }
[[ "$token_key" =~ ^[A-Za-z0-9+/=_-]+$ ]] || { echo "enrol-node: the key must be base64 or hex text" >&2; exit 2; }
command -v mosquitto_passwd > /dev/null || { echo "enrol-node: needs mosquitto_passwd (apt-get install mosquitto)" >&2; exit 2; }

out="${out:-./enrol-$site-$node}"
[[ ! -e "$out" ]] || { echo "enrol-node: $out exists; remove it or give --out" >&2; exit 2; }
umask 077
mkdir -p "$out"

# 32 random characters from the kernel's generator; letters and digits only, so no quoting trouble in JSON or shell.
password="$(LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 || true)"
(( ${#password} == 32 )) || { echo "enrol-node: could not read /dev/urandom" >&2; exit 1; }

# mosquitto_passwd -b hashes into a file; a temporary one, so that only this node's line is printed.
scratch="$(mktemp)"
trap 'rm -f "$scratch"' EXIT
# The broker user is node-<node>, as the hub's broker-config writes it (docs/PRODUCTION.md).
user="node-$node"
mosquitto_passwd -b "$scratch" "$user" "$password"
cp "$scratch" "$out/password_file.line"

cat > "$out/acl.lines" <<ACL
user $user
topic write opvang/v1/$site/$node/birth
topic write opvang/v1/$site/$node/event
topic write opvang/v1/$site/$node/status
topic read opvang/v1/$site/$node/ack
topic read opvang/v1/$site/$node/cmd
topic read opvang/v1/hub/status
topic read opvang/v1/hub/counts
ACL

cat > "$out/device.json" <<JSON
{
  "site": "$site",
  "node": "$node",
  "brokerUrl": "$broker_url",
  "username": "$user",
  "password": "$password",
  "dataDir": "/var/lib/opvang",
  "heartbeatSeconds": 30,
  "tokenKeyId": "$key_id",
  "tokenKey": "$token_key",
  "profile": "$profile",
  "beds": [],
  "counts": []
}
JSON

cat <<DONE
Enrolled node $node of site $site. Files in $out (readable by you only):

  password_file.line  append to the broker's password_file (e.g. /etc/mosquitto/passwd), then
                      systemctl reload mosquitto
  acl.lines           append to the broker's acl_file: the node may write only its own topics
  device.json         copy to the Pi as /etc/opvang/device.json (owner root, group opvang, mode 0640):
                        scp $out/device.json pi@<the-pi>:/tmp/ && ssh pi@<the-pi> \\
                          'sudo install -o root -g opvang -m 0640 /tmp/device.json /etc/opvang/device.json \\
                           && rm /tmp/device.json && sudo systemctl restart opvang-device'

Before copying: list the node's places in device.json ("beds", "counts") exactly as the hub's region file lists
them for node $node; a node that claims other places is flagged by the hub.
The config holds the broker password and the region's key: delete $out once the Pi has it.
DONE
