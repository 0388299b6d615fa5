#!/usr/bin/env bash
# `npm run images [-- NAME...]`: builds URR's images (scripts/images/images.list; all of them by default) with
# podman from scripts/images/Containerfile on the local Node 20 base, one at a time (a 2-core machine), cached
# by layer. Leaves each image in podman's store as localhost/urr/<name>:$URR_IMAGE_TAG (default: local) and as
# an OCI archive in $URR_CACHE_DIR/images/<name>.tar, listed in $URR_CACHE_DIR/images/manifest.json.
source "$(dirname "${BASH_SOURCE[0]}")/base.sh"

URR_IMAGE_TAG="${URR_IMAGE_TAG:-local}"
[[ "$URR_IMAGE_TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] && [ "$URR_IMAGE_TAG" != latest ] \
  || die "URR_IMAGE_TAG=$URR_IMAGE_TAG is not an image tag the manifests accept (letters, digits, . _ -; not latest)"
IMAGE_LOG_DIR="$URR_LOG_DIR/images"
MANIFEST="$URR_IMAGES_DIR/manifest.json"
mkdir -p "$IMAGE_LOG_DIR"

# name kind entry port, for the images asked for (all when none named).
selected_images() {
  local list name
  list="$(grep -vE '^\s*(#|$)' "$IMAGES_SCRIPT_DIR/images.list")"
  if [ $# -eq 0 ]; then echo "$list"; return; fi
  for name in "$@"; do
    grep -E "^$name\s" <<<"$list" || die "no image named $name in scripts/images/images.list"
  done
}

# The registry is reached through a TLS-inspecting proxy when Node here trusts an extra CA: npm ci in the
# build gets the same file as the build-ca secret (in no layer, not in the cache key).
build_ca_args() {
  local ca="${NODE_EXTRA_CA_CERTS:-}"
  [ -n "$ca" ] && [ -f "$ca" ] || return 0
  printf '%s\n' --secret "id=build-ca,src=$ca"
}

# Shows the steps that take time (RUN) and whether the layer cache answered them; the rest goes to the log.
progress() {
  awk -v name="$1" '
    /^\[[0-9]+\/[0-9]+\] STEP [0-9]+\/[0-9]+: RUN / {
      step = $0; sub(/^[^:]*: RUN (--mount=[^ ]+ +)?/, "", step)
      printf "  %s: RUN %s\n", name, substr(step, 1, 90); fflush(); last = $0; next
    }
    /^--> Using cache/ && last ~ / RUN / { printf "  %s:   cached\n", name; fflush() }
    /^\[bundle\]/ { printf "  %s\n", $0; fflush() }
    { last = $0 }
  '
}

# build_image NAME KIND — builds one image; prints its build seconds.
build_image() {
  local name="$1" kind="$2" logf="$IMAGE_LOG_DIR/$1.log" started=$SECONDS
  local args=(--file "$IMAGES_SCRIPT_DIR/Containerfile" --build-arg "NODE_BASE=$NODE_BASE_IMAGE" --target "$kind"
    --tag "localhost/urr/$name:$URR_IMAGE_TAG")
  [ "$kind" = backend ] && args+=(--build-arg "APP=$name")
  mapfile -t -O "${#args[@]}" args < <(build_ca_args)
  if ! podman build "${args[@]}" "$REPO_DIR" 2>&1 | tee "$logf" | progress "$name" >&2; then
    tail -n 25 "$logf" >&2
    die "building urr/$name failed; its log is $logf"
  fi
  echo $((SECONDS - started))
}

# save_archive NAME — writes NAME's OCI archive unless the one there is of the same image.
save_archive() {
  local name="$1" ref="localhost/urr/$1:$URR_IMAGE_TAG" id archive="$URR_IMAGES_DIR/$1.tar"
  id="$(podman image inspect --format '{{.Id}}' "$ref")"
  if [ -f "$archive" ] && [ "$(cat "$archive.id" 2>/dev/null)" = "$id:$URR_IMAGE_TAG" ]; then return 0; fi
  rm -f "$archive" "$archive.id"
  podman save --quiet --format oci-archive --output "$archive.partial" "$ref"
  mv "$archive.partial" "$archive"
  echo "$id:$URR_IMAGE_TAG" >"$archive.id"
}

# record_image NAME KIND PORT SECONDS — the image's entry of the manifest, kept beside its archive.
record_image() {
  local name="$1" ref="localhost/urr/$1:$URR_IMAGE_TAG"
  podman image inspect --format '{{.Id}} {{.Size}}' "$ref" | {
    read -r id bytes
    printf '{"name":"%s","kind":"%s","port":%s,"image":"%s","id":"sha256:%s","bytes":%s,"archive":"%s","buildSeconds":%s}\n' \
      "$name" "$2" "$3" "$ref" "$id" "$bytes" "$URR_IMAGES_DIR/$name.tar" "$4"
  } >"$URR_IMAGES_DIR/$name.json"
}

# The manifest lists every image of images.list built with this tag, in the list's order.
write_manifest() {
  local name kind entry port entries=()
  while read -r name kind entry port; do
    [ -f "$URR_IMAGES_DIR/$name.json" ] && [ -f "$URR_IMAGES_DIR/$name.tar" ] \
      && grep -q "\"image\":\"localhost/urr/$name:$URR_IMAGE_TAG\"" "$URR_IMAGES_DIR/$name.json" \
      && entries+=("$(cat "$URR_IMAGES_DIR/$name.json")")
  done < <(selected_images)
  {
    printf '{\n  "tag": "%s",\n  "registry": "localhost",\n  "platform": "linux/%s",\n  "nodeBase": "%s",\n  "images": [\n' \
      "$URR_IMAGE_TAG" "$(podman info --format '{{.Host.Arch}}')" "$NODE_BASE_IMAGE"
    local i
    for i in "${!entries[@]}"; do
      printf '    %s%s\n' "${entries[$i]}" "$([ "$i" -lt $((${#entries[@]} - 1)) ] && echo ,)"
    done
    printf '  ]\n}\n'
  } >"$MANIFEST.partial"
  mv "$MANIFEST.partial" "$MANIFEST"
}

main() {
  local started=$SECONDS images count=0 total name kind entry port seconds summary=()
  images="$(selected_images "$@")"
  total="$(wc -l <<<"$images")"
  lock_images
  ensure_container_tools
  ensure_node_base
  while read -r name kind entry port; do
    count=$((count + 1))
    log "[$count/$total] urr/$name ($kind: $entry)"
    seconds="$(build_image "$name" "$kind")"
    save_archive "$name"
    record_image "$name" "$kind" "$port" "$seconds"
    summary+=("$name $seconds")
  done <<<"$images"
  write_manifest

  log "built $total image(s) in $((SECONDS - started)) s; archives and manifest.json in $URR_IMAGES_DIR"
  printf '%-26s %8s %8s\n' image size build >&2
  local line
  for line in "${summary[@]}"; do
    read -r name seconds <<<"$line"
    printf '%-26s %5s MB %6s s\n' "urr/$name" \
      "$(( $(podman image inspect --format '{{.Size}}' "localhost/urr/$name:$URR_IMAGE_TAG") / 1000000 ))" "$seconds" >&2
  done
}

main "$@"
