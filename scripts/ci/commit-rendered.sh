#!/usr/bin/env bash
# Commits a rendered manifests folder to the branch the Argo CD Applications track, as manifests/dist (their
# path), on top of that branch's history; creates the branch (holding only that folder) when it does not
# exist yet. Nothing is committed when the render did not change. A push that loses a race against another
# release is redone on top of the newer branch, up to five times.
#
#   bash scripts/ci/commit-rendered.sh SOURCE_DIR BRANCH MESSAGE [REMOTE]     (run inside the repository)
set -euo pipefail

source_dir="$(cd "${1:?usage: commit-rendered.sh SOURCE_DIR BRANCH MESSAGE [REMOTE]}" && pwd)"
branch="${2:?usage: commit-rendered.sh SOURCE_DIR BRANCH MESSAGE [REMOTE]}"
message="${3:?usage: commit-rendered.sh SOURCE_DIR BRANCH MESSAGE [REMOTE]}"
remote="${4:-origin}"
# The Applications' source path (manifests/src/argocd-applications.ts).
target="manifests/dist"

log() { printf '[commit-rendered] %s\n' "$*" >&2; }

ls "$source_dir"/*.yaml >/dev/null 2>&1 || { log "no YAML in $source_dir: render first"; exit 1; }
worktree="$(mktemp -d)"
cleanup() { git worktree remove --force "$worktree" >/dev/null 2>&1 || rm -rf "$worktree"; }
trap cleanup EXIT

# prepare — a worktree whose index holds the render as manifests/dist, on top of the remote branch's newest
# commit (its parent) or, when the branch does not exist yet, alone. Sets parent.
prepare() {
  git worktree remove --force "$worktree" >/dev/null 2>&1 || true
  rm -rf "$worktree"
  if git fetch --quiet "$remote" "refs/heads/$branch" 2>/dev/null; then
    parent="$(git rev-parse FETCH_HEAD)"
    git worktree add --quiet --detach "$worktree" "$parent"
  else
    log "$remote has no branch $branch yet; creating it"
    parent=""
    git worktree add --quiet --detach "$worktree" HEAD
    git -C "$worktree" rm -r --quiet --cached . >/dev/null
  fi
  git -C "$worktree" rm -r --quiet --cached --ignore-unmatch -- "$target" >/dev/null
  rm -rf "${worktree:?}/$target"
  mkdir -p "$worktree/$target"
  cp -R "$source_dir/." "$worktree/$target/"
  git -C "$worktree" add --all -- "$target"
}

for attempt in 1 2 3 4 5; do
  prepare
  if [ -n "$parent" ] && git -C "$worktree" diff --cached --quiet "$parent"; then
    log "$branch already holds this render; nothing to commit"
    exit 0
  fi
  commit="$(git -C "$worktree" commit-tree "$(git -C "$worktree" write-tree)" ${parent:+-p "$parent"} -m "$message")"
  if git push --quiet "$remote" "$commit:refs/heads/$branch" 2>/dev/null; then
    log "pushed ${commit:0:12} to $remote/$branch"
    exit 0
  fi
  log "push to $remote/$branch refused (attempt $attempt: a newer render came first); redoing it on top"
  sleep "$attempt"
done
log "could not push to $remote/$branch after 5 attempts"
exit 1
