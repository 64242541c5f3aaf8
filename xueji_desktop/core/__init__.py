"""The domain, grouped by subject; never imports Qt. Each package's docstring says what it holds and what it
may import (tests/test_layering.py holds it to that); docs/architecture.md draws the layers."""
