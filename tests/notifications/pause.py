"""A worker under test stops still at the moment that matters (notifications.delivery): the
message has left, the row is not yet committed. It says so with a file, then waits to be
killed."""

import os
import time
from pathlib import Path


def hold(notification) -> None:
    if notification.channel != "email":
        return  # an in-app notice leaves nothing behind to repeat
    marker = Path(os.environ["PARTNERS_TEST_PAUSE_DIR"]) / str(notification.pk)
    marker.write_text("handed over, not committed")
    time.sleep(120)
