# Sourced by kube.sh and the node scripts: builds Kubernetes and its companions from Go modules
# (docs/adr/0001-kube-apiserver-from-go-modules.md), each binary cached under $URR_CACHE_DIR/kube by
# the version that its committed go.mod pins (or, for our own sources, by their content).

KUBE_MOD_DIR="$STACK_DIR/kube"

mod_version() { grep -oE "^[[:space:]]*(require[[:space:]]+)?$1 v[0-9][^[:space:]]*" "$2" | awk '{print $NF}' | head -n1; }
KUBE_VERSION="$(mod_version 'k8s\.io/kubernetes' "$KUBE_MOD_DIR/kubernetes/go.mod")"
ETCD_VERSION="$(mod_version 'go\.etcd\.io/etcd/server/v3' "$KUBE_MOD_DIR/etcd/go.mod")"
METRICS_SERVER_VERSION="$(mod_version 'sigs\.k8s\.io/metrics-server' "$KUBE_MOD_DIR/metrics-server/go.mod")"
COREDNS_VERSION="$(mod_version 'github\.com/coredns/coredns' "$KUBE_MOD_DIR/coredns/go.mod")"
CRICTL_VERSION="$(mod_version 'sigs\.k8s\.io/cri-tools' "$KUBE_MOD_DIR/cri-tools/go.mod")"
for v in KUBE_VERSION ETCD_VERSION METRICS_SERVER_VERSION COREDNS_VERSION CRICTL_VERSION; do
  [ -n "${!v}" ] || die "cannot read $v from the go.mod files in $KUBE_MOD_DIR"
done
# The commands of k8s.io/kubernetes that the wrapper module builds: the API server for the stack,
# the rest for the local node.
KUBE_COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

kube_bin() { echo "$URR_CACHE_DIR/kube/$KUBE_VERSION/$1"; }
ETCD_BIN="$URR_CACHE_DIR/kube/etcd-$ETCD_VERSION/etcd"
METRICS_SERVER_BIN="$URR_CACHE_DIR/kube/metrics-server-$METRICS_SERVER_VERSION/metrics-server"
CRICTL_BIN="$URR_CACHE_DIR/kube/cri-tools-$CRICTL_VERSION/crictl"
source_digest() { cat "$@" | sha256sum | cut -c1-12; }
COREDNS_BIN="$URR_CACHE_DIR/kube/coredns-$COREDNS_VERSION-$(source_digest "$KUBE_MOD_DIR/coredns/main.go")/coredns"
PAUSE_BIN="$URR_CACHE_DIR/kube/pause-$(source_digest "$KUBE_MOD_DIR/pause/main.go")/pause"

# build_once BIN WHAT DIR PKG [LDFLAGS] — builds PKG in module DIR into BIN unless BIN is cached.
build_once() {
  local bin="$1" what="$2" dir="$3" pkg="$4" ldflags="-s -w ${5:-}" tmp start=$SECONDS
  [ -x "$bin" ] && return 0
  command -v go >/dev/null || die "go is not installed (needed once to build $what)"
  mkdir -p "$(dirname "$bin")"
  exec 9>"$(dirname "$bin")/.build.lock"
  flock 9
  if [ ! -x "$bin" ]; then
    log "building $what (minutes on 2 cores, once; cached in $(dirname "$bin"))..."
    tmp="$bin.tmp.$$"
    (cd "$dir" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "$ldflags" -o "$tmp" "$pkg") \
      >>"$URR_LOG_DIR/kube-build.log" 2>&1 || {
      rm -f "$tmp"; tail -n 30 "$URR_LOG_DIR/kube-build.log" >&2
      die "building $what failed; see $URR_LOG_DIR/kube-build.log"
    }
    mv -f "$tmp" "$bin"
    log "built $what in $((SECONDS - start))s"
  fi
  exec 9>&-
}

# The -X flags Kubernetes' release builds set, so --version and /version report KUBE_VERSION.
kube_version_ldflags() {
  local date minor p
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    printf ' -X %s=%s' "$p.gitVersion" "$KUBE_VERSION" "$p.gitMajor" 1 "$p.gitMinor" "$minor" \
      "$p.gitTreeState" clean "$p.gitCommit" go-module "$p.buildDate" "$date"
  done
}

# build_kube NAME... — builds commands of k8s.io/kubernetes (see KUBE_COMMANDS).
build_kube() {
  local name
  for name in "$@"; do
    build_once "$(kube_bin "$name")" "$name $KUBE_VERSION" "$KUBE_MOD_DIR/kubernetes" \
      "k8s.io/kubernetes/cmd/$name" "$(kube_version_ldflags)"
  done
}

build_etcd() {
  build_once "$ETCD_BIN" "etcd $ETCD_VERSION" "$KUBE_MOD_DIR/etcd" . "-X go.etcd.io/etcd/api/v3/version.GitSHA=go-module"
}

# The node's companions: metrics-server, CoreDNS (our plugin selection), crictl and our pause.
build_node_companions() {
  build_once "$PAUSE_BIN" pause "$KUBE_MOD_DIR/pause" .
  build_once "$CRICTL_BIN" "crictl $CRICTL_VERSION" "$KUBE_MOD_DIR/cri-tools" sigs.k8s.io/cri-tools/cmd/crictl \
    "-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION"
  build_once "$METRICS_SERVER_BIN" "metrics-server $METRICS_SERVER_VERSION" "$KUBE_MOD_DIR/metrics-server" \
    sigs.k8s.io/metrics-server/cmd/metrics-server \
    "-X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION"
  build_once "$COREDNS_BIN" "coredns $COREDNS_VERSION" "$KUBE_MOD_DIR/coredns" . \
    "-X github.com/coredns/coredns/coremain.GitCommit=go-module"
}
