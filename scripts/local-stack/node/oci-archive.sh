#!/usr/bin/env bash
# Writes an OCI image archive (an image layout in a tar) with one layer: a directory's contents.
# No registry and no image builder are needed; containerd imports the result (ctr images import).
#
#   oci-archive.sh NAME ROOTFS_DIR OUT.tar USER -- ENTRYPOINT...
#   e.g. oci-archive.sh localhost/urr/pause:1 /tmp/rootfs pause.tar 65535:65535 -- /pause
set -euo pipefail

[ $# -ge 6 ] && [ "$5" = -- ] || { echo "usage: $0 NAME ROOTFS_DIR OUT.tar USER -- ENTRYPOINT..." >&2; exit 2; }
name="$1" rootfs="$2" out="$3" user="$4"
shift 5

json_string() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }
json_array() {
  local first=1 item
  printf '['
  for item in "$@"; do
    [ $first -eq 1 ] || printf ','
    json_string "$item"; first=0
  done
  printf ']'
}
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
blobs="$work/blobs/sha256"
mkdir -p "$blobs"

# blob FILE — moves FILE into the layout under its digest; prints "DIGEST SIZE".
blob() {
  local digest size
  digest="$(sha256sum "$1" | cut -d' ' -f1)"
  size="$(stat -c %s "$1")"
  mv -f "$1" "$blobs/$digest"
  echo "$digest $size"
}

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$work/layer" .
read -r layer_digest layer_size < <(blob "$work/layer")

printf '{"architecture":"%s","os":"linux","config":{"User":%s,"Entrypoint":%s,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$arch" "$(json_string "$user")" "$(json_array "$@")" "$layer_digest" >"$work/config"
read -r config_digest config_size < <(blob "$work/config")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
  "$config_digest" "$config_size" "$layer_digest" "$layer_size" >"$work/manifest"
read -r manifest_digest manifest_size < <(blob "$work/manifest")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"%s","os":"linux"},"annotations":{"io.containerd.image.name":%s,"org.opencontainers.image.ref.name":%s}}]}' \
  "$manifest_digest" "$manifest_size" "$arch" "$(json_string "$name")" "$(json_string "${name##*:}")" >"$work/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$work/oci-layout"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf "$out.tmp" oci-layout index.json blobs
mv -f "$out.tmp" "$out"
