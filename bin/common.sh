# Shared by bin/setup and .ci/run: install Debian packages when they are missing.
# Uses apt-get as root or through passwordless sudo; otherwise stops and names the packages.

missing_debian_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

ensure_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian system: make sure these are installed: $*" >&2
    return 0
  fi
  local missing
  missing=$(missing_debian_packages "$@")
  [ -z "$missing" ] && return 0
  local apt
  if [ "$(id -u)" = "0" ]; then
    apt="env DEBIAN_FRONTEND=noninteractive apt-get"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt="sudo env DEBIAN_FRONTEND=noninteractive apt-get"
  else
    echo "These Debian packages are needed and I cannot install them (not root, no sudo):" >&2
    echo "  sudo apt-get install $missing" >&2
    exit 1
  fi
  echo "Installing Debian packages: $missing"
  # shellcheck disable=SC2086
  $apt update -qq && $apt install -y -qq --no-install-recommends $missing
}
