#!/bin/sh
# install-etc.sh: install the sample configuration files and rc.d scripts.
# A file already present is never overwritten; the sample goes beside it as
# <file>.sample so an administrator can compare.
#
# @SYSCONFDIR@ @LIBEXECDIR@ @SBINDIR@ @BINDIR@ @RUNDIR@ in a sample become
# the install directories.
#
# usage: install-etc.sh DESTDIR SYSCONFDIR LIBEXECDIR SBINDIR BINDIR RUNDIR
set -e
destdir=$1 sysconfdir=$2 libexecdir=$3 sbindir=$4 bindir=$5 rundir=$6
top=$(cd "$(dirname "$0")/../.." && pwd)
etc="$destdir$sysconfdir"

substitute() {
	sed -e "s|@LIBEXECDIR@|$libexecdir|g" -e "s|@SBINDIR@|$sbindir|g" \
	    -e "s|@BINDIR@|$bindir|g" -e "s|@SYSCONFDIR@|$sysconfdir|g" \
	    -e "s|@RUNDIR@|$rundir|g" "$1"
}

install_one() {	# src dest mode
	tmp=$(mktemp)
	substitute "$1" > "$tmp"
	if [ -e "$2" ]; then
		if ! cmp -s "$tmp" "$2"; then
			install -m "$3" "$tmp" "$2.sample"
			echo "install-etc: kept $2, sample is $2.sample"
		fi
	else
		install -m "$3" "$tmp" "$2"
	fi
	rm -f "$tmp"
}

install -d "$etc" "$etc/rc.d" "$etc/named"
for f in "$top"/etc/*; do
	[ -f "$f" ] || continue
	install_one "$f" "$etc/$(basename "$f")" 644
done
# The name server's data files, named by etc/named.boot's directory line.
for f in "$top"/etc/named/*; do
	[ -f "$f" ] || continue
	install_one "$f" "$etc/named/$(basename "$f")" 644
done
for f in "$top"/etc/rc.d/*; do
	[ -f "$f" ] || continue
	# rc.subr is sourced by the scripts, not run.
	mode=755
	[ "$(basename "$f")" = rc.subr ] && mode=644
	install_one "$f" "$etc/rc.d/$(basename "$f")" $mode
done
