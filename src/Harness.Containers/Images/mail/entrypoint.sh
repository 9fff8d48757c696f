#!/bin/sh
# Postfix runs in the background (`postfix start` returns once its master daemon has initialised), so that a fault
# scenario can stop and start it through `docker exec` while Dovecot, in the foreground, keeps serving the mailboxes.
set -eu
postfix start
exec dovecot -F
