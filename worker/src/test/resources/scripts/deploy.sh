#!/bin/sh
# A deploy script as an operator would write one. It prints each argument on its own line, exactly as received, so
# a test can prove that arguments arrive literally (no shell ever interprets them).
echo "action=$DEPLOY_ACTION"
for argument in "$@"; do
  printf 'arg=%s\n' "$argument"
done
printf 'env-version=%s\n' "$DEPLOY_VERSION"
echo "dd-key-visible=${DD_API_KEY:-no}"
echo "rolled out"
