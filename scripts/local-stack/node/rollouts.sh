# Sourced by cluster.sh: Argo Rollouts' controller on the node, built from its Go module
# (kube/argo-rollouts) like the other add-ons, and installed from the release's own install.yaml in that
# module, with our image in place of the registry's (docs/adr/0023-argo-rollouts-on-the-local-node.md).

ROLLOUTS_NAMESPACE=argo-rollouts
ROLLOUTS_VERSION="$(mod_version 'github\.com/argoproj/argo-rollouts' "$KUBE_MOD_DIR/argo-rollouts/go.mod")"
[ -n "$ROLLOUTS_VERSION" ] || die "cannot read the argo-rollouts version from $KUBE_MOD_DIR/argo-rollouts/go.mod"
ROLLOUTS_BIN="$URR_CACHE_DIR/kube/argo-rollouts-$ROLLOUTS_VERSION/rollouts-controller"
ROLLOUTS_IMAGE="localhost/urr/argo-rollouts:$ROLLOUTS_VERSION"

build_rollouts() {
  build_once "$ROLLOUTS_BIN" "argo-rollouts $ROLLOUTS_VERSION (the first build takes about 10 minutes)" \
    "$KUBE_MOD_DIR/argo-rollouts" github.com/argoproj/argo-rollouts/cmd/rollouts-controller \
    "-X github.com/argoproj/argo-rollouts/utils/version.version=${ROLLOUTS_VERSION#v}"
}

# The release's install.yaml, read from the module cache: CRDs, RBAC, config, Service, Deployment.
rollouts_install_yaml() {
  local dir
  dir="$(cd "$KUBE_MOD_DIR/argo-rollouts" && go mod download -json "github.com/argoproj/argo-rollouts@$ROLLOUTS_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -f "$dir/manifests/install.yaml" ] || die "argo-rollouts $ROLLOUTS_VERSION has no manifests/install.yaml in the module cache ($dir)"
  sed -e "s#quay.io/argoproj/argo-rollouts:[^[:space:]]*#$ROLLOUTS_IMAGE#" \
    -e 's#imagePullPolicy: Always#imagePullPolicy: IfNotPresent#' "$dir/manifests/install.yaml"
}

rollouts_up() {
  binary_image "$ROLLOUTS_IMAGE" "$ROLLOUTS_BIN" 999:999
  node_kubectl create namespace "$ROLLOUTS_NAMESPACE" --dry-run=client -o yaml |
    node_kubectl apply --server-side --field-manager=urr-cluster -f - >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 ||
    die "could not create namespace $ROLLOUTS_NAMESPACE; see $URR_LOG_DIR/cluster-addons.log"
  rollouts_install_yaml |
    node_kubectl apply -n "$ROLLOUTS_NAMESPACE" --server-side --force-conflicts --field-manager=urr-cluster -f - \
      >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 ||
    die "could not install Argo Rollouts; see $URR_LOG_DIR/cluster-addons.log"
  node_kubectl -n "$ROLLOUTS_NAMESPACE" rollout status deployment/argo-rollouts --timeout=180s \
    >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 ||
    die "Argo Rollouts did not become ready; see kubectl -n $ROLLOUTS_NAMESPACE logs deployment/argo-rollouts"
}

# Removes what the install made, its cluster-wide CRDs and ClusterRoles too, then the namespace.
rollouts_down() {
  { rollouts_install_yaml | node_kubectl delete -n "$ROLLOUTS_NAMESPACE" --ignore-not-found --wait=false -f -; } \
    >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || true
  node_kubectl delete namespace "$ROLLOUTS_NAMESPACE" --ignore-not-found --wait=true --timeout=60s \
    >>"$URR_LOG_DIR/cluster-addons.log" 2>&1 || true
}
