#!/bin/sh
# Dovecot runs in the background, Postfix in the foreground (its log on stdout).
set -eu
dovecot
exec postfix start-fg
