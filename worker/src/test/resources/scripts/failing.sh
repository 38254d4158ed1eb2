#!/bin/sh
# Fails the way a real rollout fails: some output, then a non-zero exit code given as the first argument.
echo "applying manifests"
echo "error: deployment exceeded its progress deadline" >&2
exit "$1"
