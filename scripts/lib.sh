# Shared by scripts/test and scripts/demo: install what is missing, then
# build and install the extension.  Sourced, not run.

PG_MAJOR=15
BUILD_PACKAGES=(make gcc "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR")
TEST_PACKAGES=("postgresql-$PG_MAJOR-pgtap" libtap-parser-sourcehandler-pgtap-perl libpq-dev)

# Run a command as root: directly when we are root (as in CI), else by sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install the Debian packages among the arguments that are not installed yet.
ensure_packages() {
	local missing=() package
	for package in "$@"; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$package")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing ${missing[*]}"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Build with every warning as an error, then install into PostgreSQL.
build_and_install() {
	make -s clean
	make -s COPT='-Wall -Wextra -Werror'
	as_root make -s install
}

# Serialize against other checkouts on this machine: `make install` writes to
# PostgreSQL's shared directories, so two test runs must not interleave.
lock_installation() {
	exec 9>/tmp/scorecard-install.lock
	flock 9
}
