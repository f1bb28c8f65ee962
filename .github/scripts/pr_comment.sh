#!/usr/bin/env bash
# The one comment the pull-request workflow keeps on a pull request, found by its marker:
#   pr_comment.sh BODY_FILE                 update it, or post it when there is none yet
#   pr_comment.sh --update-only BODY_FILE   update it only (when the pull request closes)
# The marker is put before the body here. Needs GH_TOKEN, GH_REPO and PR; installs Debian's gh
# when the image has none.
set -euo pipefail
update_only=false
if [ "${1:-}" = --update-only ]; then
  update_only=true
  shift
fi
marker="<!-- sam-voorbeeld -->"
body=$(mktemp)
trap 'rm -f "$body"' EXIT
{ echo "$marker"; cat "$1"; } > "$body"
command -v gh > /dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gh > /dev/null
}
ids=$(gh api "repos/$GH_REPO/issues/$PR/comments" --paginate \
  --jq ".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"$marker\"))) | .id")
id=$(printf '%s\n' "$ids" | sed -n 1p)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$GH_REPO/issues/comments/$id" -F body=@"$body" > /dev/null
elif [ "$update_only" = false ]; then
  gh api --method POST "repos/$GH_REPO/issues/$PR/comments" -F body=@"$body" > /dev/null
fi
