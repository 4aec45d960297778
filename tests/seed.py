"""The seed transcripts and their hand-made gold records, kept in the repository
(tests/fixtures/seed/) so the suite needs nothing beside it. A missing or empty
folder is an error at import, never an empty list that lets a test pass."""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed"
GOLD_DIR = SEED / "gold"
TRANSCRIPTS_DIR = SEED / "transcripts"
LAYOUTS_DIR = FIXTURES / "layouts"

# what the suite needs: folder, pattern, at least how many files
REQUIRED = ((GOLD_DIR, "*.yaml", 2), (TRANSCRIPTS_DIR, "*.txt", 2),
            (LAYOUTS_DIR, "*.txt", 1), (LAYOUTS_DIR / "gold", "*.yaml", 1))


def files(folder: Path, pattern: str, at_least: int = 1) -> list[Path]:
    """The fixture files, sorted; raises if there are fewer than ``at_least``."""
    found = sorted(folder.glob(pattern))
    if len(found) < at_least:
        raise FileNotFoundError(f"test fixture missing: expected at least {at_least} "
                                f"{pattern} in {folder}, found {len(found)}")
    return found


def gold_files() -> list[Path]:
    return files(GOLD_DIR, "*.yaml", 2)


def transcripts() -> list[Path]:
    return files(TRANSCRIPTS_DIR, "*.txt", 2)


def check_all() -> None:
    for folder, pattern, at_least in REQUIRED:
        files(folder, pattern, at_least)
