"""One request in a fresh process (`python -m bench.cold URL [USERNAME]`): sets Django
up, signs in (when a username is given), loads the URLconf and middleware with one GET
of the bare page (untimed: Django imports every view at a process's first request, some
seconds here, whatever the page), then times the first GET of URL and prints the
milliseconds. The "cold" figures of the benchmarks run this in a new process each round:
nothing of the page's own data (the matching index) is in memory yet."""

import os
import sys
import time
import warnings


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.test import Client

    from bench.common import signed_in

    url = sys.argv[1]
    client = signed_in(sys.argv[2]) if len(sys.argv) > 2 else Client()
    client.get("/bench/bare-html/")
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if len(sys.argv) > 2:
        client.logout()
    if response.status_code != 200:
        print(f"GET {url}: {response.status_code}", file=sys.stderr)
        return 1
    print(f"{elapsed:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
