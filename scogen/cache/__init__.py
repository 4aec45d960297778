"""The build cache (``.scogen-cache/`` beside ``content/``, git-ignored), one
module per concern:

* ``keys``      what every key is made of: scogen's code, the versions of its
                declared libraries (an upgraded word list or HTML parser can change a
                record), the cache folder;
* ``records``   records stored flat, keyed by the transcript's bytes, the code that
                makes records, the topic/speaker config and the archive words the
                transcript uses, so a cached record is exactly what a fresh load gives;
                ``CachedInterview`` reads its text only for pages rendered again;
* ``index``     the archive index: per transcript its size, mtime and words, per
                record what listings need, read in one go;
* ``fragments`` each record's piece of the whole-archive exports;
* ``state``     what the last successful build read, so a build with nothing
                changed is skipped.

The names below are the package's interface; each lives in the module named above.
"""
from __future__ import annotations

from .fragments import FragmentPack
from .index import ArchiveIndex
from .keys import (CACHE_DIR, FORMAT, RECORD_CODE, cache_dir, code_fingerprint,
                   declared_dependencies, library_versions, records_fingerprint, versions)
from .records import (CachedInterview, RecordStore, bytes_digest, cache_folder_of,
                      content_ident, drop_text, flatten, interview_ident, outline_of, read_text,
                      record_key, text_held, unflatten)
from .state import last_state, save_state, tree_state

__all__ = ["ArchiveIndex", "CACHE_DIR", "CachedInterview", "FORMAT", "FragmentPack",
           "RECORD_CODE", "RecordStore", "bytes_digest", "cache_dir", "cache_folder_of",
           "code_fingerprint", "content_ident", "declared_dependencies", "flatten",
           "interview_ident", "last_state", "library_versions", "outline_of", "read_text",
           "drop_text", "text_held",
           "record_key", "records_fingerprint", "save_state", "tree_state", "unflatten", "versions"]
