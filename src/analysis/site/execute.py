"""Stage one of ``make book``: execute the chapters that have no cached outputs.

Run as its own process (``python -m analysis.site.execute``) by the build
driver, which stops its whole process group on an interrupt. Sphinx reads
(and so executes) notebooks one after another; running them first through
jupyter-cache's parallel executor, with myst-nb's own reader, fills the very
cache that myst-nb then reads, so a clean build uses both cores. A notebook
that fails here is run again by Sphinx, which then reports the error.
"""

from __future__ import annotations

from analysis.paths import BUILD_DIR

#: The execution cache that ``_config.yml`` names (``execute.cache``).
CACHE_DIR = BUILD_DIR / ".jupyter_cache"


def execute_chapters() -> int:
    """Execute the stale chapters in parallel; return how many were executed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    from analysis.site.sphinx_downloads import chapter_sources

    cache = get_cache(str(CACHE_DIR))
    uris = [str(source) for source in chapter_sources()]
    for uri in uris:
        cache.add_nb_to_project(uri, read_data={"name": "myst_nb_md", "type": "plugin"})
    executor = load_executor("local-parallel", cache=cache)
    # Only notebooks without a matching cached execution are run.
    result = executor.run_and_cache(filter_uris=uris, timeout=300, allow_errors=False)
    if result.succeeded or result.errored:
        print(
            f"executed {len(result.succeeded)} chapter(s) in parallel"
            + (f"; {len(result.errored)} failed and will be rerun by Sphinx" if result.errored else ""),
            flush=True,
        )
    return len(result.succeeded)


if __name__ == "__main__":
    execute_chapters()
