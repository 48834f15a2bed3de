#!/bin/sh
# Creates or updates Persona's Redis users from redis-users.acl, each with the password in <password-dir>/<user>
# (a file holding only the password). Needs redis-cli and an account that may run ACL SETUSER (the default user of
# a fresh Redis, or an administrator: REDISCLI_AUTH and the usual redis-cli options may be passed after the dir).
#   redis-users.sh <password-dir> [redis-cli options...]
# Redis keeps ACL users in memory only unless it has an aclfile: run this again whenever Redis restarts (the
# Compose and Kubernetes jobs do; ./suite up does on every start).
set -eu
dir="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
grep -v '^[[:space:]]*#' "$here/redis-users.acl" | grep -v '^[[:space:]]*$' | while read -r user rules; do
  [ -s "$dir/$user" ] || { echo "redis-users.sh: no password file $dir/$user" >&2; exit 1; }
  password="$(cat "$dir/$user")"
  # shellcheck disable=SC2086 # the rules are words
  reply="$(redis-cli "$@" ACL SETUSER "$user" reset on ">$password" $rules)"
  [ "$reply" = "OK" ] || { echo "redis-users.sh: ACL SETUSER $user: $reply" >&2; exit 1; }
done
