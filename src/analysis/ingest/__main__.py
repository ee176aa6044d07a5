"""``python -m analysis.ingest``: rebuild the data package."""

from analysis.ingest import main

raise SystemExit(main())
