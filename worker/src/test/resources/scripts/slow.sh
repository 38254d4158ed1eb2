#!/bin/sh
# A slow rollout that starts a child process of its own; writes both pids to the file named by its first argument,
# so a test can check that cancellation ends the whole process tree.
sleep 300 &
echo "$$ $!" > "$1"
echo "started"
wait
