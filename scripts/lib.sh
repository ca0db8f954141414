# Shared by scripts/test and scripts/demo: install what is missing, then
# build and install the extension.  Sourced, not run.

# The major a plain run builds against: the host's (Debian 12 ships 15).
PG_MAJOR=${PG_MAJOR:-15}
# The majors scripts/test also runs, each in a chroot of the Debian suite
# that ships it (scripts/chroot).  16 is in no Debian suite.
CHROOT_MAJORS=(17 18 19)
# The server package's own pg_config: always there, and never another major's.
export PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
BUILD_PACKAGES=(make gcc "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR")
TEST_PACKAGES=("postgresql-$PG_MAJOR-pgtap" libtap-parser-sourcehandler-pgtap-perl
	"postgresql-$PG_MAJOR-cron" python3-psycopg2 libpq-dev)

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

# Build with every warning as an error; extra compiler flags may follow.
build() {
	make -s clean
	make -s COPT="-Wall -Wextra -Werror ${1:-}"
}

# Build, then install into PostgreSQL's own directories.
build_and_install() {
	build
	as_root make -s install
}

# Install the build into a staging directory of this checkout only.
# Debian's PostgreSQL looks there first when a cluster sets
# extension_destdir (see staged_cluster_options), so test runs from two
# checkouts on one machine never overwrite each other's build.
STAGE_DIR=$PWD/.build/stage
stage() {
	rm -rf "$STAGE_DIR"
	make -s install DESTDIR="$STAGE_DIR"
}

# pg_virtualenv options for a cluster that loads the staged build.  Up to
# 17 through Debian's extension_destdir; from 18 on, through the server's
# own extension_control_path, which replaced it.  From 18 on, a library
# named '$libdir/scorecard' is also searched for in dynamic_library_path.
stage_options() {
	if [ "$PG_MAJOR" -ge 18 ]; then
		printf '%s\n' -o "extension_control_path=$STAGE_DIR$("$PG_CONFIG" --sharedir):\$system"
	else
		printf '%s\n' -o "extension_destdir=$STAGE_DIR"
	fi
	printf '%s\n' -o "dynamic_library_path=$STAGE_DIR$("$PG_CONFIG" --pkglibdir):\$libdir"
}

# The same, and pg_cron preloaded for the production tests (running its jobs
# in background workers, which need no password).
staged_cluster_options() {
	stage_options
	# A major that Debian ships no pg_cron for yet runs without it, and the
	# production tests skip their pg_cron checks.
	[ -f "$("$PG_CONFIG" --pkglibdir)/pg_cron.so" ] || return 0
	printf '%s\n' -o shared_preload_libraries=pg_cron -o cron.database_name=postgres \
		-o cron.use_background_workers=on -o max_worker_processes=16
}

# A free TCP port for a throwaway cluster, exported as PGPORT, which
# pg_virtualenv then uses: with -t it would otherwise give 5432 to every
# concurrent run on the machine.
use_free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 40000))
		(: </dev/tcp/127.0.0.1/"$port") 2>/dev/null || break
	done
	export PGPORT=$port
}

# Serialize against other checkouts on this machine: `make install` writes to
# PostgreSQL's shared directories, so two test runs must not interleave.
lock_installation() {
	exec 9>/tmp/scorecard-install.lock
	flock 9
}

# Run a command inside a chroot, in a private mount namespace so that the
# chroot's /proc and /dev vanish with the command.
in_chroot() {
	local dir=$1
	shift
	unshare --mount --propagation private /bin/sh -c '
		dir=$1; shift
		mount -t proc proc "$dir/proc" && mount --rbind /dev "$dir/dev" &&
			exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
				HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
	' sh "$dir" "$@"
}
