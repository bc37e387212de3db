#!/bin/bash
# Makes a small certificate authority for the opvang broker and a server certificate signed by it (docs/DESIGN.md §2:
# MQTT over TLS only). The CA stays with the administrator; nodes and the hub get ca.crt (or ca.p12 for Java).
#
#   deploy/broker/make-ca.sh --host BROKER_HOST [--out DIR] [--days N]
#
#   --host NAME   the name nodes use to reach the broker, e.g. mqtt.opvang.example.nl (goes into the SAN, with 127.0.0.1
#                 and localhost, so that a hub on the same machine can use the same listener)
#   --out DIR     where to write the files (default ./broker-tls); must not hold a CA yet
#   --days N      validity of the server certificate (default 825, the most browsers and many clients accept)
#
# Writes: ca.key (keep offline), ca.crt, server.key, server.crt, and ca.p12 (a Java truststore holding only ca.crt,
# password "opvang": it protects nothing secret, Java just wants one) when keytool is installed.
set -euo pipefail

usage() {
    sed -n '5,10p' "$0" >&2
    exit 2
}

host=""
out="./broker-tls"
days=825
while (( $# > 0 )); do
    case "$1" in
        --host) host="${2:-}"; shift ;;
        --out) out="${2:-}"; shift ;;
        --days) days="${2:-}"; shift ;;
        *) echo "make-ca: unknown option $1" >&2; usage ;;
    esac
    shift
done
[[ "$host" =~ ^[A-Za-z0-9.-]+$ ]] || { echo "make-ca: --host must be a host name such as mqtt.example.nl" >&2; usage; }
[[ "$days" =~ ^[0-9]+$ ]] || { echo "make-ca: --days must be a number" >&2; exit 2; }
command -v openssl > /dev/null || { echo "make-ca: needs openssl (apt-get install openssl)" >&2; exit 2; }
[[ ! -e "$out/ca.key" ]] || { echo "make-ca: $out/ca.key exists; a second CA would orphan every node's trust" >&2; exit 2; }

umask 077
mkdir -p "$out"
# EC P-256: small, fast on a Pi, accepted by Mosquitto 2 (OpenSSL) and Java 17.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 \
    -subj "/O=opvang/CN=opvang broker CA" -keyout "$out/ca.key" -out "$out/ca.crt" 2> /dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
    -subj "/O=opvang/CN=$host" -keyout "$out/server.key" -out "$out/server.csr" 2> /dev/null
cat > "$out/server.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$host, DNS:localhost, IP:127.0.0.1
EXT
openssl x509 -req -in "$out/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -sha256 \
    -days "$days" -extfile "$out/server.ext" -out "$out/server.crt" 2> /dev/null
rm -f "$out/server.csr" "$out/server.ext" "$out/ca.srl"
chmod 0644 "$out/ca.crt" "$out/server.crt"

if command -v keytool > /dev/null; then
    keytool -importcert -noprompt -alias opvang-broker-ca -file "$out/ca.crt" -keystore "$out/ca.p12" \
        -storetype PKCS12 -storepass opvang > /dev/null 2>&1
    chmod 0644 "$out/ca.p12"
fi

echo "CA and server certificate for $host in $out:"
echo "  ca.key       keep offline; it signs the next server certificate"
echo "  ca.crt       install on every node and on the hub (ca.p12 is the same as a Java truststore)"
echo "  server.key   /etc/mosquitto/opvang/server.key, readable by the mosquitto user only"
echo "  server.crt   /etc/mosquitto/opvang/server.crt"
