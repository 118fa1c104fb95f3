#!/usr/bin/env bash
# Prints the ConfigMap gongyi-jwt of a dev cluster: the dev issuer's public key (deploy/run-local.sh makes the key pair
# in .gongyi/dev-issuer; deploy/dev-token.sh signs tokens with it) twice, as the services and the gateway read it:
#   publicKey  the PEM, the services' MP_JWT_VERIFY_PUBLICKEY
#   jwks       the same RSA key as a JSON Web Key Set, the gateway's SecurityPolicy gongyi-jwt (localJWKS, key "jwks")
# Usage: deploy/k8s/overlays/dev/jwt-configmap.sh [public.pem] | kubectl -n gongyi apply -f -
# Needs bash and openssl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
pem="${1:-$root/.gongyi/dev-issuer/public.pem}"
if [[ ! -f "$pem" ]]; then
  echo "no public key at $pem: start a local run once (deploy/run-local.sh) or name the key's file" >&2
  exit 1
fi
text=$(openssl rsa -pubin -in "$pem" -noout -text)
modulus=$(openssl rsa -pubin -in "$pem" -noout -modulus)
modulus=${modulus#Modulus=}
exponent=$(sed -n 's/^Exponent: [0-9]* (0x\([0-9a-fA-F]*\))$/\1/p' <<<"$text")
[[ -n "$modulus" && -n "$exponent" ]] || { echo "$pem is not an RSA public key" >&2; exit 1; }
(( ${#exponent} % 2 == 0 )) || exponent="0$exponent"

# unsigned big-endian bytes of a hex number, base64url without padding (RFC 7518 section 6.3.1)
b64url() {
  printf "$(sed 's/../\\x&/g' <<<"$1")" | openssl base64 -A | tr '+/' '-_' | tr -d '='
}
n=$(b64url "$modulus")
e=$(b64url "$exponent")

cat <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: gongyi-jwt
data:
  publicKey: |
$(sed 's/^/    /' "$pem")
  jwks: '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","n":"$n","e":"$e"}]}'
YAML
