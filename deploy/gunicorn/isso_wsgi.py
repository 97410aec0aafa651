"""Isso for gunicorn with several worker processes.

Isso's own `isso.run` calls `make_app(conf, multiprocessing=True)`, but
`make_app` also defaults to `threading=True` and checks that first, so every
worker gets a lock of its own (a `threading.Lock`). Isso relies on that lock
to insert a comment and then read back "the newest comment" as the one it
created; with two workers inserting at once, a reader can be answered with
another reader's comment, and an edit cookie for it. Asking for the
multiprocessing variant alone gives one lock for all workers, provided it is
created before they fork: run gunicorn with --preload.

    ISSO_SETTINGS=/etc/isso.cfg gunicorn --preload --workers 2 \
        --pythonpath /etc/isso isso_wsgi:application
"""

import os

from isso import config, make_app

application = make_app(
    config.load(config.default_file(), os.environ.get("ISSO_SETTINGS")),
    threading=False,
    multiprocessing=True,
)
