# Sourced by kube.sh and the node scripts: certificates signed by the local cluster's CAs, and
# kubeconfig files that carry them. Everything is made with openssl, once; existing files are kept.

# new_ca DIR NAME CN — a self-signed CA DIR/NAME.{crt,key} unless it exists.
new_ca() {
  local dir="$1" name="$2" cn="$3"
  [ -f "$dir/$name.crt" ] && [ -f "$dir/$name.key" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/$name.key" -out "$dir/$name.crt" -days 3650 \
    -subj "/CN=$cn" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" >>"$URR_LOG_DIR/kube-pki.log" 2>&1 ||
    die "could not create the CA $dir/$name.crt; see $URR_LOG_DIR/kube-pki.log"
}

# issue_cert DIR NAME SUBJECT USAGE [SANS] [CA] — DIR/NAME.{crt,key} signed by CA.{crt,key}
# (default: DIR/ca) for USAGE (clientAuth, serverAuth or both), unless it exists. SUBJECT is like
# /O=system:nodes/CN=system:node:x; SANS like IP:127.0.0.1,DNS:localhost.
issue_cert() {
  local dir="$1" name="$2" subject="$3" usage="$4" sans="${5:-}" ca="${6:-$1/ca}" ext
  [ -f "$dir/$name.crt" ] && [ -f "$dir/$name.key" ] && return 0
  ext="$(mktemp)"
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=$usage" ${sans:+"subjectAltName=$sans"} >"$ext"
  {
    openssl req -newkey rsa:2048 -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" -subj "$subject" &&
      openssl x509 -req -in "$dir/$name.csr" -CA "$ca.crt" -CAkey "$ca.key" -CAcreateserial \
        -days 3650 -extfile "$ext" -out "$dir/$name.crt"
  } >>"$URR_LOG_DIR/kube-pki.log" 2>&1 || { rm -f "$ext"; die "could not issue $dir/$name.crt; see $URR_LOG_DIR/kube-pki.log"; }
  rm -f "$ext" "$dir/$name.csr" "$ca.srl"
  chmod 600 "$dir/$name.key"
}

# write_kubeconfig FILE SERVER CA_CRT CERT KEY — a kubeconfig for one user, certificates embedded.
write_kubeconfig() {
  local file="$1" server="$2" ca="$3" cert="$4" key="$5"
  (umask 077 && write_if_changed "$file") <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: urr-local
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 "$ca")
users:
- name: urr-user
  user:
    client-certificate-data: $(base64 -w0 "$cert")
    client-key-data: $(base64 -w0 "$key")
contexts:
- name: urr-local
  context:
    cluster: urr-local
    user: urr-user
    namespace: default
current-context: urr-local
preferences: {}
KUBECONFIG
}
