"""Run Ralph's LRS on 127.0.0.1 with its file-system backend: ``python lrs_server.py PORT``.

Ralph 5.1.0's file-system LRS backend stores every write with operation ``index``, which
refuses to touch its statements file once it exists: only the first POST of a server's life
would succeed. This launcher makes ``append`` the backend's default operation, then serves
``ralph.api:app`` exactly as ``ralph runserver`` does (configuration from the environment).
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
