"""Browser smoke tests (Playwright + Debian chromium); see conftest.py."""
