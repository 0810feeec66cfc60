"""Where the secretariat's seed documents are: `../shared/seeds` from the project's root, or
`shared/seeds` beside a folder above it (a git worktree under `wt/<name>/`). Tests
that read them skip with a clear reason when the folder is absent, as on a fresh clone."""

from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
SEEDS = next(
    (
        folder / "shared" / "seeds"
        for folder in _ROOT.parents
        if (folder / "shared" / "seeds").is_dir()
    ),
    _ROOT.parent / "shared" / "seeds",
)
